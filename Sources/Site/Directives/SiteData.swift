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

    /// Loads `content/data/`. `listing` is the walked `content/` folder: a data file refused by the walk (a
    /// link out of the site, unreadable) is not read, and one over its size limit is an error.
    static func load(paths: SitePaths, listing: FolderListing, today: Date, settings: SiteSettings) -> SiteData {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: paths.data.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return SiteData(directives: NoDirectives(), diagnostics: [], asOf: nil, files: [])
        }
        let walked = Dictionary(listing.files.filter { $0.path.hasPrefix("data/") }.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var names = [ComputeData.acceleratorsFile, ComputeData.pricesFile, ComputeData.assumptionsFile]
        for optional in [ComputeData.cpusFile, ComputeData.factsFile] where walked["data/\(optional)"] != nil {
            names.append(optional)
        }
        // Published copies come from the real files, so a link inside the site is copied as the file it names.
        let files = names.map { name in ("data/\(name)", walked["data/\(name)"].map { URL(fileURLWithPath: $0.source) } ?? paths.data.appendingPathComponent(name)) }
        // The walk already reported a refused data file: reading it would read outside the site.
        if names.contains(where: { listing.refused.contains("data/\($0)") }) || listing.refused.contains("data") {
            return SiteData(directives: UnavailableDirectives(), diagnostics: [], asOf: nil, files: [])
        }
        let oversized = names.compactMap { name -> Diagnostic? in
            guard let file = walked["data/\(name)"] else { return nil }
            let limit = name.hasSuffix(".csv") ? InputLimits.csvDataBytes : InputLimits.yamlDataBytes
            guard file.stamp.size > Int64(limit) else { return nil }
            return .error(at: SourceLocation(file: "content/data/\(name)"),
                          "the data file is \(InputLimits.describe(Int(file.stamp.size))), over the limit of \(InputLimits.describe(limit))",
                          hint: "keep the observations the site shows in it and archive older ones elsewhere")
        }
        if !oversized.isEmpty {
            return SiteData(directives: UnavailableDirectives(), diagnostics: oversized, asOf: nil, files: [])
        }
        do {
            let data = try ComputeData.load(from: paths.data, today: today, displayPrefix: "content/data")
            let directives = ComputeDirectives(data: data, maxPriceAgeDays: settings.maxPriceAgeDays, dataURL: settings.rootPath + "data/",
                                               chartMinProviders: settings.chartMinProviders)
            // Rows whose note contradicts their pricing type are counted in that type's statistics: warn at their line.
            let warnings = PriceNoteCheck.conflicts(in: data.prices, path: "content/data/\(ComputeData.pricesFile)")
            return SiteData(directives: directives, diagnostics: warnings, asOf: data.pricesAsOf?.description, files: files)
        } catch {
            // The data's own errors say what is wrong; directives render nothing rather than each adding an error.
            return SiteData(directives: UnavailableDirectives(), diagnostics: error.diagnostics, asOf: nil, files: files)
        }
    }
}
