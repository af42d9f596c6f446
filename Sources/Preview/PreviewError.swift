/// Errors that stop the preview server from starting.
public enum PreviewError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process is listening on the port.
    case portInUse(host: String, port: Int)
    /// The host could not be turned into a bindable address.
    case invalidHost(String)
    /// A watched folder could not be watched (missing, unreadable, or out of inotify watches).
    case cannotWatch(path: String, reason: String)

    /// The message, without an `error:` prefix (the command line adds one).
    public var description: String {
        switch self {
        case .portInUse(let host, let port):
            return "port \(port) on \(host) is already in use; choose another with --port (for example --port \(port == 65535 ? 8081 : port + 1)), or --port 0 to pick a free port"
        case .invalidHost(let host):
            return "cannot listen on host '\(host)'; use an IP address such as 127.0.0.1 with --host"
        case .cannotWatch(let path, let reason):
            return "cannot watch \(path) for changes: \(reason)"
        }
    }
}
