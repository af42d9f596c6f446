import Foundation
import Site

/// A digest of every file the preview serves, kept from one build to the next to tell which outputs changed
/// (and so which open pages reload).
struct OutputDigests {
    /// Output path → digest of its bytes; 0 for a file kept from before the session, whose bytes were not read.
    private var byPath: [String: Int] = [:]

    /// Takes in one build's outputs and returns the paths whose bytes are new, changed or gone. Files a build
    /// kept from the previous output are unchanged by definition; nil outputs (inputs unchanged) change nothing.
    mutating func update(with outputs: BuildOutputs?) -> Set<String> {
        guard let outputs else { return [] }
        var next: [String: Int] = [:]
        next.reserveCapacity(byPath.count)
        var changed = Set<String>()
        func take(_ path: String, _ digest: Int) {
            next[path] = digest
            if byPath[path] != digest { changed.insert(path) }
        }
        for file in outputs.written { take(file.path, Self.digest(file.contents)) }
        for (path, source) in outputs.copied { take(path, FileManager.default.contents(atPath: source.path).map(Self.digest) ?? 0) }
        for path in outputs.kept where next[path] == nil { next[path] = byPath[path] ?? 0 }
        for path in byPath.keys where next[path] == nil { changed.insert(path) }
        byPath = next
        return changed
    }

    /// A digest of a whole file (`Data.hashValue` looks at a prefix only).
    static func digest(_ data: Data) -> Int {
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}
