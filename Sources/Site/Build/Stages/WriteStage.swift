import Diagnostics
import Foundation

/// Stage 7: the new output folder, with `.gz` and `.br` siblings, swapped in at once (see `OutputWriter`); the
/// cache for the next build is encoded meanwhile and saved just before the swap, naming the folder swapped in.
enum WriteStage {
    static func write(files: [OutputFile], kept: [String], site: AssembledSite, rendered: RenderedSite, stamp: UInt64,
                      options: BuildOptions, clock: BuildClock) throws(BuildFailure) {
        // The cache is encoded while the site is written: both are mostly serial work.
        let cacheTask = options.useCache ? BackgroundWork { [index = site.index, hashes = site.hashes] in
            hashes.cache(index: index, rendered: rendered.pages, fingerprints: rendered.fingerprints, summaryHash: rendered.summaryHash,
                         inputsStamp: stamp, output: options.output)
        } : nil
        // .gz and .br siblings, written in the same swap (see Precompress).
        let copies = site.assets.copies
        let siblings = Precompress.siblings(files: files, copies: copies, reused: kept, previous: options.output)
        do {
            try OutputWriter.replace(options.output, with: (files + siblings.files).sorted { $0.path < $1.path }, copies: copies,
                                     reusing: (kept + siblings.reused).sorted()) { staging in
                clock.mark("write")
                cacheTask?.result().save(root: options.root, outputIdentity: staging)
            }
        } catch {
            throw BuildFailure(diagnostics: error.diagnostics)
        }
    }
}
