import Foundation
import PackagePlugin

/// A build-tool plugin that turns the `.avsc`, `.avpr` and `.avdl` files of a target into Swift
/// types at build time, with the `avro generate` command of this package. (A file an `.avdl`
/// imports from outside the target is read, but editing it alone does not rebuild.)
///
/// All the schema files of the target go to one command, so that each may use the named
/// types of the others, and become one source file, `AvroGenerated.swift`, compiled with the
/// target. The build runs the command again whenever a schema file changes.
///
/// An optional `avro-generate.json` among the target's files sets the generator's options:
///
/// ```json
/// { "access": "internal", "namespacePrefix": true }
/// ```
///
/// `access` is `public` (the default) or `internal`; `namespacePrefix` names the types with
/// their namespace's parts first (`ComExamplePerson`), for schemas that reuse a short name.
@main
struct AvroGenerate: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let schemas = ["avsc", "avpr", "avdl"].flatMap { target.sourceFiles(withSuffix: $0).map(\.url) }.sorted { $0.path < $1.path }
        guard !schemas.isEmpty else { return [] }
        var arguments = ["generate"]
        var inputs = schemas
        if let settings = target.sourceFiles.first(where: { $0.url.lastPathComponent == "avro-generate.json" })?.url {
            arguments += try Self.arguments(fromSettings: settings)
            inputs.append(settings)
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "AvroGenerated.swift")
        arguments += ["--output", output.path] + schemas.map(\.path)
        return [
            .buildCommand(
                displayName: "Generating Swift types from \(schemas.count) Avro schema file(s) of \(target.name)",
                executable: try context.tool(named: "AvroCLI").url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: [output]),
        ]
    }

    /// The `avro generate` options that the settings file at `url` asks for.
    static func arguments(fromSettings url: URL) throws -> [String] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        } catch {
            throw SettingsError(file: url.path, reason: "is not JSON: \(error.localizedDescription)")
        }
        guard let settings = object as? [String: Any] else {
            throw SettingsError(file: url.path, reason: "must hold a JSON object")
        }
        var arguments: [String] = []
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            switch (key, value) {
            case ("access", let level as String):
                arguments += ["--access", level]
            case ("namespacePrefix", let prefixed as Bool):
                if prefixed { arguments.append("--namespace-prefix") }
            case ("access", _), ("namespacePrefix", _):
                throw SettingsError(file: url.path, reason: "'\(key)' has the wrong type (access: a string, namespacePrefix: true or false)")
            default:
                throw SettingsError(file: url.path, reason: "unknown setting '\(key)' (known: access, namespacePrefix)")
            }
        }
        return arguments
    }
}

/// A settings file the plugin cannot use.
struct SettingsError: Error, CustomStringConvertible {
    var file: String
    var reason: String
    var description: String { "\(file): \(reason)" }
}
