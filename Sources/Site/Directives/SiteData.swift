import ComputeModel
import Diagnostics
import Foundation

/// The compute data of a site (`content/data/`) and the directives that render it.
struct SiteData: Sendable {
    var directives: any DirectiveRendering
    var diagnostics: [Diagnostic]
    /// Newest price observation date in the data, `YYYY-MM-DD`.
    var asOf: String?
    /// The data files, published under `/data/` so derived figures can link to what they were computed from.
    var files: [(String, URL)]

    static func load(paths: SitePaths, today: Date, settings: SiteSettings) -> SiteData {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: paths.data.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return SiteData(directives: NoDirectives(), diagnostics: [], asOf: nil, files: [])
        }
        var names = [ComputeData.acceleratorsFile, ComputeData.pricesFile, ComputeData.assumptionsFile]
        for optional in [ComputeData.cpusFile, ComputeData.factsFile]
        where FileManager.default.fileExists(atPath: paths.data.appendingPathComponent(optional).path) {
            names.append(optional)
        }
        let files = names.map { ("data/\($0)", paths.data.appendingPathComponent($0)) }
        do {
            let data = try ComputeData.load(from: paths.data, today: today, displayPrefix: "content/data")
            let directives = ComputeDirectives(data: data, maxPriceAgeDays: settings.maxPriceAgeDays, dataURL: settings.rootPath + "data/")
            return SiteData(directives: directives, diagnostics: [], asOf: data.pricesAsOf?.description, files: files)
        } catch {
            // The data's own errors say what is wrong; directives render nothing rather than each adding an error.
            return SiteData(directives: UnavailableDirectives(), diagnostics: error.diagnostics, asOf: nil, files: files)
        }
    }
}
