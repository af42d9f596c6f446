import ArgumentParser

/// The `signals` command: build the site, preview it, and query the compute model.
public struct SignalsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "signals",
        abstract: "Build and preview the AI compute market signals site.",
        subcommands: [BuildCommand.self, ModelCommand.self]
    )

    public init() {}
}
