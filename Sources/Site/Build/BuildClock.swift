import Foundation

/// Wall-clock time since the build started; with `SIGNALS_TIMING=1` in the environment, each stage's time
/// is printed to standard error (for profiling).
final class BuildClock {
    let start = DispatchTime.now()
    private var last = DispatchTime.now()
    private let verbose = ProcessInfo.processInfo.environment["SIGNALS_TIMING"] == "1"
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

    func mark(_ stage: String) {
        guard verbose else { return }
        let now = DispatchTime.now()
        FileHandle.standardError.write(Data(String(format: "%-18@ %7.1f ms\n", stage as NSString, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6).utf8))
        last = now
    }
}
