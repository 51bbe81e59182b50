// One machine word that threads share through atomic loads and stores, for the few answers
// the library works out once and then reads on every call from any thread (Swift's own atomics
// need macOS 15 or later). The functions are inline, so that a read costs a load.
#ifndef C_AVRO_ATOMIC_H
#define C_AVRO_ATOMIC_H

#include <stdint.h>

/// The word at `word`, read atomically; what the thread that stored it wrote before storing
/// it is visible after (acquire).
static inline uintptr_t avro_atomic_load(const uintptr_t *word) {
    return __atomic_load_n(word, __ATOMIC_ACQUIRE);
}

/// Stores `value` at `word` atomically (release).
static inline void avro_atomic_store(uintptr_t *word, uintptr_t value) {
    __atomic_store_n(word, value, __ATOMIC_RELEASE);
}

#endif
