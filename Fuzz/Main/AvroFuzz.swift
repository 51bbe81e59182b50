// One executable for every fuzz target. Built by Fuzz/run.sh with `-sanitize=fuzzer,address
// -parse-as-library -DAVRO_FUZZING`, it is a libFuzzer binary running the target named by the
// environment variable AVRO_FUZZ_TARGET. Built plainly, it writes the seed corpora:
//
//   AvroFuzz seeds OUTDIR [TESTDATA]
import AvroFuzzing
import Foundation

#if AVRO_FUZZING
/// The target this process runs, read once.
private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["AVRO_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        fatalError("set AVRO_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    do {
        try target.run(input)
    } catch {
        // A property that does not hold is a bug: crash, so that libFuzzer saves the input.
        fatalError("\(target.rawValue): \(error)")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzer(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ body: @convention(c) (UnsafeRawPointer?, Int) -> CInt) -> CInt

/// SwiftPM links executables with `main` renamed to MODULE_main, so the program starts here
/// rather than in libFuzzer's `main`; this hands over to libFuzzer's driver.
@_cdecl("AvroFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzer(&argc, &argv, fuzzOneInput)
}
#else
/// The plain build: writes the seed corpora.
@main
enum SeedWriter {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.first == "seeds", (2...3).contains(arguments.count) else {
            FileHandle.standardError.write(Data("usage: AvroFuzz seeds OUTDIR [TESTDATA]\n(the fuzzer itself is built and run by Fuzz/run.sh)\n".utf8))
            exit(2)
        }
        let directory = URL(fileURLWithPath: arguments[1])
        let testData = arguments.count == 3 ? URL(fileURLWithPath: arguments[2]) : nil
        do {
            let counts = try FuzzSeeds.write(to: directory, testData: testData)
            for target in FuzzTarget.allCases { print("\(target.rawValue): \(counts[target] ?? 0) seeds") }
        } catch {
            FileHandle.standardError.write(Data("AvroFuzz seeds: \(error)\n".utf8))
            exit(1)
        }
    }
}
#endif
