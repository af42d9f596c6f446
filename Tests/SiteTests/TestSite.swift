import Diagnostics
import Foundation
@testable import Site
import SiteTestSupport

/// A whole tiny site written from one string of `-- path --` sections (Hugo's test style), built in a temp folder.
struct TestSite {
    let root: URL

    /// Minimal templates every fixture gets unless it overrides them.
    static let defaultTemplates = SiteFixtureFiles.defaultTemplates

    init(_ files: String, withDefaultTemplates: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("signals-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if withDefaultTemplates { try write(Self.defaultTemplates) }
        try write(files)
    }

    /// Writes (or overwrites) the files of a `-- path --` string.
    func write(_ files: String) throws {
        try Self.writeFiles(files, to: root)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    static let today = Date(timeIntervalSince1970: 1_795_694_400) // 2026-11-26 12:00 UTC (cpus.yaml was read that day)

    @discardableResult
    func build(drafts: Bool = false, strict: Bool = false) throws(BuildFailure) -> BuildResult {
        try SiteBuilder.build(BuildOptions(root: root, includeDrafts: drafts, strict: strict, today: Self.today))
    }

    /// The build's error lines (without hints), or [] when it succeeded.
    func errors(drafts: Bool = false) -> [String] {
        do {
            try build(drafts: drafts)
            return []
        } catch {
            return error.diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message)" }
        }
    }

    func failure() -> BuildFailure? {
        do {
            try build()
            return nil
        } catch {
            return error
        }
    }

    func output(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("public/\(path)").path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("public/\(path)").path)
    }

    /// Every file under public/, path → contents.
    func snapshot() -> [String: Data] {
        let base = root.appendingPathComponent("public")
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return result }
        for case let path as String in enumerator {
            if let data = FileManager.default.contents(atPath: base.appendingPathComponent(path).path) {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isDirectory)
                if !isDirectory.boolValue { result[path] = data }
            }
        }
        return result
    }
}

extension TestSite {
    /// The repository's root folder (for the real content/ and its data).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The frozen copy of content/data/ taken on 2026-11-26: tests that pin exact figures read it, never the living data.
    static let frozenData = repository.appendingPathComponent("Tests/Fixtures/real-data-2026-11")

    /// The data file names of content/data/.
    static let dataFiles = ["accelerators.yaml", "prices.csv", "assumptions.yaml", "cpus.yaml", "facts.yaml"]

    /// Copies the frozen copy of the data (Tests/Fixtures/real-data-2026-11) into this site's content/data/.
    func copyFrozenData() throws {
        try copyData(from: Self.frozenData)
    }

    /// Copies the five data files of `folder` into this site's content/data/.
    func copyData(from folder: URL) throws {
        let target = root.appendingPathComponent("content/data")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in Self.dataFiles {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @discardableResult
    func buildIncrementally(today: Date = TestSite.today) throws(BuildFailure) -> BuildResult {
        try SiteBuilder.build(BuildOptions(root: root, today: today, useCache: true))
    }
}
