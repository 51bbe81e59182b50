extension AvroFileReader {
    /// The values of the file as an asynchronous sequence.
    ///
    /// ```swift
    /// for try await person in reader.values {
    ///     print(person.name)
    /// }
    /// ```
    ///
    /// Unlike the `Sequence` iteration, the asynchronous iteration throws the error that stops
    /// it (which is also kept in ``error``). It shares the reader's position: values already
    /// read are not read again.
    ///
    /// Each block is read with a blocking read on the task's thread, as `FileHandle` reads
    /// are. That suits files; a pipe whose writer is itself a task could wait for a thread
    /// that never comes free, so feed pipes from a thread of their own.
    public var values: AsyncValues { AsyncValues(reader: self) }

    /// The values of a container file as an `AsyncSequence`, read one block at a time.
    public struct AsyncValues: AsyncSequence {
        /// A value of the file.
        public typealias Element = T

        let reader: AvroFileReader

        /// Returns an iterator that goes on from the reader's current position.
        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(reader: reader)
        }

        /// An iterator over the values of a container file.
        public struct AsyncIterator: AsyncIteratorProtocol {
            let reader: AvroFileReader

            /// Returns the next value, or `nil` after the last one.
            ///
            /// - Throws: What ``AvroFileReader/next()`` throws.
            public mutating func next() async throws -> T? {
                try reader.next()
            }
        }
    }
}
