import Avro

/// Reads the concatenated records of `bytes` with `readOne`, one call per record, to the end;
/// returns how many there were.
@inline(__always)
func readRecords(in bytes: [UInt8], _ readOne: (inout AvroBinaryReader) throws -> Void) throws -> Int {
    try bytes.withUnsafeBytes { buffer in
        var reader = AvroBinaryReader(buffer)
        var records = 0
        while !reader.isAtEnd {
            try readOne(&reader)
            records &+= 1
        }
        return records
    }
}
