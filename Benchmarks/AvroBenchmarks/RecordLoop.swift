import Avro

/// Reads the concatenated records of `bytes` with `readOne`, one call per record, to the end;
/// returns what it read (`count` is how many records to make room for).
@inline(__always)
func readRecords<T>(in bytes: [UInt8], count: Int, _ readOne: (inout AvroBinaryReader) throws -> T) throws -> [T] {
    try bytes.withUnsafeBytes { buffer in
        var reader = AvroBinaryReader(buffer)
        var records: [T] = []
        records.reserveCapacity(count)
        while !reader.isAtEnd { records.append(try readOne(&reader)) }
        return records
    }
}
