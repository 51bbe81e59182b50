/// Everything the library keeps for the life of the process: compiled schemas, resolution
/// plans and derived schemas by their keys, and the calling thread's reusable encoder and
/// decoder states.
///
/// A program about to end empties them so that a leak checker sees only what is really lost.
/// LeakSanitizer on Linux looks for plain pointers, and Swift keeps the tag of an enum's case
/// in the spare bits of the pointer to its payload (`AvroSchema.Kind`, `AvroJSON` and
/// `AvroValue` are such enums): a value still held when the process ends, reachable only
/// through such a pointer, is reported as leaked although nothing was lost. The `avro` tool
/// calls ``removeAll()`` before it exits.
package enum ProcessCaches {
    /// Empties every process-lifetime cache and the calling thread's reusable states. Later
    /// calls fill them again; calling this while other threads use the library is safe but
    /// makes their next calls slower.
    package static func removeAll() {
        CompiledSchema.removeCachedSchemas()
        ResolutionPlan.removeCachedPlans()
        AvroSchema.removeDerivedSchemas()
        DecodingState.removeReusableState()
        EncodingState.removeReusableState()
    }
}
