import ComputeModel
import FuzzSupport

// prices.csv: SwiftCSV parsing, header checks, each cell's validation and the line/column mapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPriceFile(_ input: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes = input else { return 0 }
    let text = fuzzText(bytes, count)
    _ = try? PriceFile.parse(path: "content/data/prices.csv", contents: text, today: FuzzData.today,
                             accelerators: FuzzData.acceleratorList)
    return 0
}

@_cdecl("FuzzPriceFile_main")
public func fuzzPriceFileMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzPriceFile)
}
