/// What the `rebuild` closure reports back to the preview server after a change.
public enum RebuildOutcome: Sendable, Equatable {
    /// The build succeeded and `siteDirectory` now holds the new site. `changedPaths` are the
    /// site-relative URL paths whose output changed (`"/learn/x/"`, `"/style.css"`); `"*"` means
    /// every page. Open pages reload only when their own path (or an asset they load) is listed.
    case success(changedPaths: Set<String>)
    /// The build failed; the last good site keeps being served. `messages` are compiler-style lines
    /// (`content/x.md:3:1: error: …`) shown in an overlay on every open page until the next success.
    case failure(messages: [String])
    /// The build stopped early because a newer change made it stale; nothing is published, and the changed
    /// files go to the next rebuild.
    case superseded
}

extension RebuildOutcome {
    /// A wildcard path that makes every open page reload.
    public static let everyPath = "*"
}
