// libFuzzer target for the readers every input passes through: the byte-level JSON parser and
// GeoJSON features. Built only by `make fuzz` with `-sanitize=fuzzer,address`; a crash or a
// sanitizer report is a bug, a thrown error is the reader doing its job.
//
// SwiftPM gives an executable its own `main`, so libFuzzer's is not used: this one hands the
// command line to libFuzzer's driver (`LLVMFuzzerRunDriver`, in the fuzzer runtime), which only
// the fuzzing build (-D LIBFUZZER) links.
import Foundation
import GeoCore

#if LIBFUZZER
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

#endif

/// libFuzzer's own entry, which its runtime's `main` references (unused here, but it must link).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt { fuzzOne(bytes, count) }

/// One input: parse it as JSON, and read every feature of a FeatureCollection as GeoJSON.
func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let data = Data(bytes: bytes, count: count)
    guard let value = try? JSONValue.parse(data) else { return 0 }
    if let list = value["features"]?.arrayValue {
        for (i, item) in list.prefix(50).enumerated() { _ = try? GeoJSON.feature(from: item, path: "features[\(i)]") }
    }
    return 0
}

@main
enum JSONFuzz {
    static func main() {
        #if LIBFUZZER
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { fuzzOne($0, $1) })
        #else
        // The ordinary build has no fuzzer runtime; `make fuzz` builds this with it.
        print("json-fuzz is built for fuzzing by `make fuzz` (-sanitize=fuzzer,address -D LIBFUZZER)")
        exit(2)
        #endif
    }
}
