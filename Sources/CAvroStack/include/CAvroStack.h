// How much room the calling thread's stack has left, for the library's recursive readers and
// writers: they check it as they go deeper, so that data nested deeper than a thread's stack
// can hold gives an error instead of overflowing the stack, whatever the thread's stack size,
// the build mode or the sanitizer.
#ifndef C_AVRO_STACK_H
#define C_AVRO_STACK_H

#include <stdint.h>

/// The bytes between the caller's frame and the lowest usable address of the calling thread's
/// stack, or `INTPTR_MAX` when the stack's bounds cannot be known (a signed type, so that
/// Swift sees the same number). The bounds are looked up once
/// per thread and kept in a thread-local variable; later calls cost a few instructions.
intptr_t avro_stack_room(void);

#endif
