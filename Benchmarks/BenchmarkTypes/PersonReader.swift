// The schemas of ../shared/bench-peers' workloads (person.avsc, wide.avsc, nested.avsc beside
// this file) become Swift types (BenchPerson, BenchWide, ...) at build time through the
// AvroGenerate plugin, in this module of their own, as a user's generated types would be.
import Avro

/// The person workload as read by a newer reader: `fullName` was `name`, `age` was an int
/// read as long now, and `country` is new with a default.
public let personReaderSchema = """
    {"type":"record","name":"Person","namespace":"bench","fields":[
      {"name":"fullName","type":"string","aliases":["name"]},{"name":"age","type":"long"},
      {"name":"email","type":"string"},{"name":"country","type":"string","default":"NL"}]}
    """
