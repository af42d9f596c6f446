import ArgumentParser

/// `signals model …`: prints the compute model's numbers (placeholder until the model lands).
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the compute model's figures as text tables or JSON."
    )
}
