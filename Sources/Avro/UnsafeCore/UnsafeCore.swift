// The unsafe core: every place where the library steps outside what Swift checks for it, and
// the rules that keep each sound. The code that relies on a rule names it here; a change that
// touches such code must keep the rule or change it here first.
//
// Nothing here trusts input. Every index, count and length read from bytes is checked before
// use (the binary reader throws an `AvroError`); what the rules below trust is only the
// library's own bookkeeping.
//
// 1. One thread per coding state. An `EncodingState` or `DecodingState`, with its
//    `UnsharedArray`s and `ContainerReuse`, is used by one thread at a time: the one that took
//    it from its `ThreadLocalSlot`, or made it. The states and the containers and coders they
//    hand out are not `Sendable`, so the compiler keeps them on that thread. Code outside
//    the compiler's checks can still keep a container or coder past its call and use it on
//    another thread, where it only reads its state to find its call over and throws. So a
//    state is reused (put back in its slot) only when nothing but the call holds it or any
//    container it lent (`ThreadLocalSlot.Place.recycle`); otherwise it runs no call again.
//
// 2. No overlapping access to `@exclusivity(unchecked)` properties. The coding states'
//    properties, and those of `AvroFileReader` and `AvroFileWriter` read per value, skip
//    Swift's dynamic exclusivity checks (tens of instructions an access). Such a property is
//    never passed `inout` to a call that reaches the same property through its object again:
//    a reader passed as `&reader` goes to value coders that do not know the state.
//
// 3. Unretained references are lent only while their owner holds them.
//    - `ContainerCell` refers to its coding state unretained. A state keeps the cells of its
//      kept containers; before the state is let go of (`ContainerReuse.handOver()`, called from
//      `willLeaveSlot()`), the cells of containers somebody still holds start to retain it.
//    - `ThreadLocalSlot.Place` refers to its thread's holder unretained. The holder is
//      retained by the thread-specific value until the thread ends, and a place is used only
//      on its thread, within the call that asked for it.
//
// 4. Borrowed bytes stay inside their call. An `AvroBinaryReader` over an
//    `UnsafeRawBufferPointer` is used only within the `withUnsafeBytes` call that made the
//    pointer. A decoding state forgets its reader when its call ends (`letGoOfInput()`), so
//    a decoder that user code kept reads nothing rather than freed memory. The defaults an
//    `InPlaceRecord` owns are read only while the state holds that record.
//
// 5. Bit casts only between identical types. `reinterpret(_:as:)` turns a generic `T` into
//    the concrete type the caller has shown it to be (and back); debug builds check it. A
//    keyed container is turned into its box and back (`ContainerReuse`) only when
//    `ContainerLayout` has checked, once per process, that the standard library's layout
//    allows it; otherwise every container is made anew. A `ValueSlot<T>` is filled only by
//    the type `T` is (the file reader's own type, when it reads itself; debug builds check),
//    and is empty again when its value is moved out or the read throws before writing it.
//
// 6. Internal indexes trap. `UnsharedArray` checks its indexes as `Array` does and traps on a
//    bad one. Its indexes are the states' own frame numbers, never values from input; a
//    container used after its frame closed finds out by its serial number and throws.
//
// 7. Words shared between threads are read and written atomically. A `SharedTypeAnswer`
//    (kept by coders and compiled schemas, which any thread may use) holds one word that any
//    thread may read or replace; it goes only through the atomic load and store of
//    `CAvroAtomic`, and the word is freed only with its object, which every thread reaches
//    through a reference that retains it.
//
// Elsewhere, unsafe pointers appear only at the edges, where bytes are handed over: the
// binary reader and writer, `Data` and `[UInt8]` buffers passed to the C codec libraries
// (each call is given the pointer and length of a buffer that lives across the call), and
// the digests.
