import Foundation
import SiteTestSupport

extension TestSite {
    /// Writes the files of a `-- path --` string under `root` (no temporary folder of its own).
    static func writeFiles(_ files: String, to root: URL) throws {
        try SiteFixtureFiles.write(files, to: root)
    }
}
