import Foundation
import Testing
@testable import Site

/// A frozen fixture site (Tests/SiteTests/Fixtures/golden/site) whose whole output is compared byte for byte
/// with Tests/SiteTests/Fixtures/golden/expected. Re-record on purpose with SIGNALS_RECORD_GOLDEN=1
/// (that run fails, so no baseline is committed unreviewed).
@Suite("The fixture site's whole output, byte for byte") struct GoldenSiteTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")
    /// 2026-11-20: fixed, so the fixture's prices never age.
    static let today = Date(timeIntervalSince1970: 1_795_132_800)

    @Test func outputMatchesTheGoldenFiles() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("signals-golden-\(UUID().uuidString)")
        try SiteBuilder.build(BuildOptions(root: Self.folder.appendingPathComponent("site"), output: output, today: Self.today))
        let expected = Self.folder.appendingPathComponent("expected")
        let actual = Self.files(in: output)
        if ProcessInfo.processInfo.environment["SIGNALS_RECORD_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: expected)
            try FileManager.default.copyItem(at: output, to: expected)
            Issue.record("golden files re-recorded in \(expected.path): review the diff and run again without SIGNALS_RECORD_GOLDEN")
            return
        }
        let wanted = Self.files(in: expected)
        #expect(actual.keys.sorted() == wanted.keys.sorted())
        for (path, data) in wanted.sorted(by: { $0.key < $1.key }) {
            #expect(actual[path] == data, "public/\(path) differs from the golden file; if the change is intended, re-record with SIGNALS_RECORD_GOLDEN=1")
        }
    }

    static func files(in folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return result }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }
}
