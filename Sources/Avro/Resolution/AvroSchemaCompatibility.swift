/// Whether data written with one schema can be read with another, and if not, every reason
/// why, with where (like Java's `SchemaCompatibility`).
///
/// ```swift
/// let problems = AvroSchemaCompatibility.check(reader: v2, writer: v1)
/// for problem in problems { print(problem) } // "age: the writer's string cannot be read as the reader's long"
/// ```
///
/// The checker uses the same resolution rules as the decoders. A writer union branch or enum
/// symbol the reader cannot take is reported, although reading fails only if data actually
/// uses it (``Incompatibility/failsOnlyWhenUsed``).
public enum AvroSchemaCompatibility {
    /// One reason a reader cannot read a writer's data.
    public struct Incompatibility: Hashable, Sendable, CustomStringConvertible {
        /// Where: the reader's field path, with `[]` for array items and map values and
        /// `<type>` for the writer's union branch (`address.zip`, `tags[]`, `<string>`).
        public let path: String
        /// Why, naming both sides.
        public let message: String
        /// Whether reading fails only for data that uses what the reader cannot take: a
        /// writer union branch or an enum symbol. Data without it reads; `false` when any value
        /// that reaches ``path`` fails.
        public let failsOnlyWhenUsed: Bool

        init(path: String, message: String, failsOnlyWhenUsed: Bool = false) {
            self.path = path
            self.message = message
            self.failsOnlyWhenUsed = failsOnlyWhenUsed
        }

        /// The problem, after its path in the reader's schema when it has one.
        public var description: String { path.isEmpty ? message : "\(path): \(message)" }
    }

    /// The compatibility rule a schema registry enforces between versions.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// The new schema reads data written with the previous one.
        case backward
        /// The previous schema reads data written with the new one.
        case forward
        /// Both.
        case full
        /// The new schema reads data written with every previous one.
        case backwardTransitive
        /// Every previous schema reads data written with the new one.
        case forwardTransitive
        /// Both, against every previous one.
        case fullTransitive
    }

    /// Every reason `reader` cannot read data written with `writer`; empty when it can.
    public static func check(reader: AvroSchema, writer: AvroSchema) -> [Incompatibility] {
        do {
            let plan = ResolutionPlan(writer: try CompiledSchema.cached(writer), reader: try CompiledSchema.cached(reader))
            return plan.failures
        } catch {
            return [Incompatibility(path: error.path ?? "", message: error.message)]
        }
    }

    /// Whether `reader` can read every value written with `writer`.
    public static func isCompatible(reader: AvroSchema, writer: AvroSchema) -> Bool {
        check(reader: reader, writer: writer).isEmpty
    }

    /// Every reason `new` breaks `mode` against `previous` versions (oldest first; the
    /// non-transitive modes use only the last one). Each reason's message names the version.
    public static func check(_ new: AvroSchema, against previous: [AvroSchema], mode: Mode) -> [Incompatibility] {
        let versions: [(offset: Int, element: AvroSchema)]
        switch mode {
        case .backward, .forward, .full: versions = Array(previous.enumerated().suffix(1))
        case .backwardTransitive, .forwardTransitive, .fullTransitive: versions = Array(previous.enumerated())
        }
        var problems: [Incompatibility] = []
        for (index, old) in versions {
            if [.backward, .full, .backwardTransitive, .fullTransitive].contains(mode) {
                problems += check(reader: new, writer: old).map {
                    Incompatibility(path: $0.path, message: "reading data of version \(index + 1) with the new schema: \($0.message)", failsOnlyWhenUsed: $0.failsOnlyWhenUsed)
                }
            }
            if [.forward, .full, .forwardTransitive, .fullTransitive].contains(mode) {
                problems += check(reader: old, writer: new).map {
                    Incompatibility(path: $0.path, message: "reading new data with version \(index + 1): \($0.message)", failsOnlyWhenUsed: $0.failsOnlyWhenUsed)
                }
            }
        }
        return problems
    }
}
