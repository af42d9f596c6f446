import ArgumentParser

/// The `signals` command: build the site, preview it, and query the compute model.
@available(macOS 10.15, *)
public struct SignalsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "signals",
        abstract: "Build and preview the AI compute market signals site.",
        version: SignalsVersion.text,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ModelCommand.self, PricesCommand.self]
    )

    public init() {}
}

extension SignalsCommand {
    /// Parses the process arguments and runs the chosen subcommand (async ones included), exiting with its status.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
