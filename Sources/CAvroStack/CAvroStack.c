// The stack's lowest address comes from the thread library (pthread_getattr_np on Linux,
// pthread_get_stackaddr_np and pthread_get_stacksize_np on Darwin) once per thread. The stack
// grows down on every platform this library builds for, so the room left is the distance from
// the current frame down to that address. The frame address comes from the compiler, not from a
// local variable, so that AddressSanitizer's fake stacks do not move it.
#define _GNU_SOURCE
#include "CAvroStack.h"
#include <pthread.h>
#include <stdint.h>

/// The lowest usable address of this thread's stack; 0 until looked up, 1 when it cannot be.
static _Thread_local uintptr_t stackLow = 0;

static uintptr_t lookUpStackLow(void) {
#if defined(__APPLE__)
    pthread_t self = pthread_self();
    uintptr_t high = (uintptr_t)pthread_get_stackaddr_np(self);
    size_t size = pthread_get_stacksize_np(self);
    return (high > size) ? high - size : 1;
#elif defined(__linux__)
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) { return 1; }
    void *low = NULL;
    size_t size = 0;
    int failed = pthread_attr_getstack(&attributes, &low, &size);
    pthread_attr_destroy(&attributes);
    return (failed == 0 && low != NULL) ? (uintptr_t)low : 1;
#else
    return 1;
#endif
}

intptr_t avro_stack_room(void) {
    if (stackLow == 0) { stackLow = lookUpStackLow(); }
    if (stackLow == 1) { return INTPTR_MAX; }
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    return here > stackLow ? (intptr_t)(here - stackLow) : 0;
}
