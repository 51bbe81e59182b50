import Avro
import Foundation

let status = CLI.run(Array(CommandLine.arguments.dropFirst()), console: Console())
// What the library keeps for the process's life is let go of, so that a leak checker run on
// the tool (LeakSanitizer in the sanitizer build of the suite) reports only real losses.
ProcessCaches.removeAll()
exit(status)
