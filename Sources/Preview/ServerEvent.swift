import Foundation

/// One message on the live-reload event stream.
enum ServerEvent: Sendable, Equatable {
    /// A build succeeded; pages listed (or all, with `*`) reload.
    case reload(paths: [String])
    /// A build failed; pages show the messages in an overlay.
    case buildError(messages: [String])

    /// The event that tells pages about `outcome`; nil for a superseded build, which pages never hear of.
    init?(_ outcome: RebuildOutcome) {
        switch outcome {
        case .success(let paths): self = .reload(paths: paths.sorted())
        case .failure(let messages): self = .buildError(messages: messages)
        case .superseded: return nil
        }
    }

    /// The event in `text/event-stream` framing: `event: reload\ndata: {"paths":[…]}\n\n`.
    var serverSentEvent: String {
        switch self {
        case .reload(let paths):
            return "event: reload\ndata: \(Self.json(["paths": paths]))\n\n"
        case .buildError(let messages):
            return "event: build-error\ndata: \(Self.json(["messages": messages]))\n\n"
        }
    }

    private static func json(_ object: [String: [String]]) -> String {
        // JSON never contains a raw newline, so the payload fits one `data:` line.
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
