// A seeded mutation fuzzer of the `mekong` binary: data files, scenario files and command-line
// arguments, mutated byte by byte and structurally, each run checked against the exit-code
// contract (0 answer, 1 no route, 64 usage, 65 bad data, 74 I/O) with no signal and no hang.
//
//     mekong-fuzz --binary .build/debug/mekong --data Tests/MekongDataTests/Fixtures/tiny --seconds 60 --seed 1
//
// A failing case is written to --crashes DIR (its data directory, scenario and arguments) so it
// can be replayed and turned into a regression test. The closing line is "N passed, M failed".
import Foundation
import TestSupport

struct Options {
    var binary = ".build/debug/mekong"
    var data = "Tests/MekongDataTests/Fixtures/tiny"
    var seconds = 60.0
    var seed: UInt64 = 1
    var crashes = "fuzz-crashes"
    /// Longest a single run may take before it counts as a hang, seconds.
    var timeout = 20.0

    init(_ arguments: [String]) {
        var i = 1
        while i + 1 < arguments.count {
            let value = arguments[i + 1]
            switch arguments[i] {
            case "--binary": binary = value
            case "--data": data = value
            case "--seconds": seconds = Double(value) ?? seconds
            case "--seed": seed = UInt64(value) ?? seed
            case "--crashes": crashes = value
            case "--timeout": timeout = Double(value) ?? timeout
            default: break
            }
            i += 2
        }
    }
}

let options = Options(CommandLine.arguments)
var rng = SplitMix64(state: options.seed)
let allowedExits: Set<Int32> = [0, 1, 64, 65, 74]
let files = (try? FileManager.default.contentsOfDirectory(atPath: options.data))?.filter { $0.hasSuffix("json") }.sorted() ?? []
guard !files.isEmpty else { print("error: no data files in \(options.data)"); exit(2) }
let originals = Dictionary(uniqueKeysWithValues: files.map { ($0, (try? Data(contentsOf: URL(fileURLWithPath: options.data + "/" + $0))) ?? Data()) })

/// Runs the binary with a timeout; returns the exit status, or nil with the reason for a signal
/// or a hang.
@MainActor func run(_ arguments: [String]) -> (status: Int32?, problem: String?) {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([options.binary] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    guard posix_spawn(&pid, options.binary, &actions, nil, argv, environ) == 0 else { return (nil, "cannot start \(options.binary)") }
    let deadline = Date().addingTimeInterval(options.timeout)
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        if Date() > deadline {
            kill(pid, SIGKILL); waitpid(pid, &status, 0)
            return (nil, "hang: no answer within \(options.timeout) s")
        }
        usleep(2_000)
    }
    let signal = status & 0x7f
    if signal != 0 { return (nil, "killed by signal \(signal)") }
    return ((status >> 8) & 0xff, nil)
}

// MARK: Mutations

/// Values that have broken parsers and arithmetic before: extremes, NaN spelt as text,
/// wrong types, deep nesting, long and non-Latin strings.
let nasty: [String] = [
    "0", "-1", "1e308", "-1e308", "1e-300", "4.9e-324", "8.9e15", "2147483648", "-0", "\"NaN\"", "\"inf\"", "null", "true",
    "\"\"", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "\"กรุงเทพ\"", "\"\\u0000\"", "\"🚚\"",
    "\"" + String(repeating: "x", count: 5000) + "\"", "[1,2]", "[180.0001,91]", "[\"a\",\"b\"]",
]

@MainActor func byteMutation(_ data: Data) -> Data {
    var bytes = [UInt8](data)
    guard !bytes.isEmpty else { return Data([UInt8.random(in: 0...255, using: &rng)]) }
    switch Int.random(in: 0..<5, using: &rng) {
    case 0: for _ in 0..<Int.random(in: 1...8, using: &rng) { bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng)) }
    case 1: bytes.removeLast(Int.random(in: 1...bytes.count, using: &rng))
    case 2: bytes.insert(contentsOf: (0..<Int.random(in: 1...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) },
                         at: Int.random(in: 0...bytes.count, using: &rng))
    case 3:
        let start = Int.random(in: 0..<bytes.count, using: &rng), length = min(bytes.count - start, Int.random(in: 1...200, using: &rng))
        bytes.insert(contentsOf: bytes[start..<(start + length)], at: Int.random(in: 0...bytes.count, using: &rng))
    default:
        let i = Int.random(in: 0..<bytes.count, using: &rng)
        bytes[i] = [UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: ":")]
            .randomElement(using: &rng)!
    }
    return Data(bytes)
}

/// Replaces one JSON value (a number, a string, a literal) in the text with a nasty one: the
/// structure stays JSON more often than byte flips keep it, so the checks behind the parser run.
@MainActor func structuredMutation(_ data: Data) -> Data {
    let text = String(decoding: data, as: UTF8.self)
    let scalars = Array(text.unicodeScalars)
    var starts: [Int] = []
    for (i, s) in scalars.enumerated() where s == ":" || s == "," || s == "[" { starts.append(i + 1) }
    guard let at = starts.randomElement(using: &rng) else { return data }
    var end = at
    var depth = 0, inString = false
    while end < scalars.count {
        let s = scalars[end]
        if inString { if s == "\"" && scalars[end - 1] != "\\" { inString = false } }
        else if s == "\"" { inString = true }
        else if s == "[" || s == "{" { depth += 1 }
        else if s == "]" || s == "}" { if depth == 0 { break }; depth -= 1 }
        else if s == "," && depth == 0 { break }
        end += 1
    }
    var out = String.UnicodeScalarView(scalars[..<at])
    out.append(contentsOf: nasty.randomElement(using: &rng)!.unicodeScalars)
    out.append(contentsOf: scalars[end...])
    return Data(String(out).utf8)
}

let words = ["route", "reach", "matrix", "corridor", "gaps", "places", "projects", "calibrate", "export", "validate", "list", "show",
             "assess", "--via", "--avoid", "--year", "--date", "--with", "--without", "--profile", "--optimize", "--format", "--out",
             "--hours", "--kind", "--alternatives", "--depart", "--snap-km", "--min-population", "--near", "--within-km", "--layers",
             "--no-permit", "--fit", "--folds", "truck", "car", "bus", "json", "csv", "geojson", "table", "time", "distance", "ferry",
             "country:THA", "town-a", "town-b", "bank-east", "bank-west", "bridge-ab", "ferry-ab", "bridge-project", "2012", "2016",
             "1990", "2050", "-5", "0", "1e9", "nan", "100.5,15", "200,13", "nan,nan", "-0,0", "", "🚚", "กรุงเทพ", "25:00", "2025-02-30",
             "map", "network", "compare", "corridors", "--bbox", "--around", "--km", "--width", "--height", "--labels", "--against-year",
             "map.png", "map.svg", "map.pdf", "99,12,107,19", "107,12,99,19", "400", "8001"]

@MainActor func argumentMutation() -> [String] {
    (0..<Int.random(in: 1...8, using: &rng)).map { _ in words.randomElement(using: &rng)! }
}

// MARK: The loop

let work = FileManager.default.temporaryDirectory.appending(path: "mekong-fuzz-\(getpid())")
try? FileManager.default.removeItem(at: work)
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }
let start = Date()
var passed = 0, failed = 0
let queries: [[String]] = [["validate"], ["route", "town-a", "town-b"], ["gaps", "--format", "json"], ["places", "--format", "csv"],
                           ["export", "--out", work.appending(path: "out.geojson").path], ["projects", "assess"], ["calibrate"],
                           ["map", "route", "town-a", "town-b", "--width", "400", "--out", work.appending(path: "map.png").path]]
while Date().timeIntervalSince(start) < options.seconds {
    let dir = work.appending(path: "case")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, data) in originals { try data.write(to: dir.appending(path: name)) }
    var arguments: [String]
    let kind = Int.random(in: 0..<4, using: &rng)
    switch kind {
    case 0, 1:
        let name = files.randomElement(using: &rng)!
        let mutated = kind == 0 ? byteMutation(originals[name]!) : structuredMutation(originals[name]!)
        try mutated.write(to: dir.appending(path: name))
        arguments = queries.randomElement(using: &rng)! + ["--data", dir.path]
    case 2:
        let scenario = ["{\"year\": 2016, \"edits\": [{\"border_delay\": \"bridge-ab\", \"truck\": 1e300}]}",
                        "{\"without\": [\"bridge-project\"], \"edits\": [{\"remove_link\": \"ferry-ab\"}]}",
                        "{\"edits\": [{\"change_link\": \"road-east-b\", \"set\": {\"condition\": \"good\"}}]}"].randomElement(using: &rng)!
        let file = dir.appending(path: "scenario.json")
        try structuredMutation(Data(scenario.utf8)).write(to: file)
        arguments = ["route", "town-a", "town-b", "--data", dir.path, "--scenario", file.path]
    default:
        arguments = argumentMutation() + ["--data", dir.path]
    }
    let (status, problem) = run(arguments)
    if let status, allowedExits.contains(status) { passed += 1; continue }
    failed += 1
    let why = problem ?? "exit \(status!) outside the contract"
    let saved = URL(fileURLWithPath: options.crashes).appending(path: "case-\(failed)")
    try? FileManager.default.createDirectory(at: saved.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? FileManager.default.removeItem(at: saved)
    try? FileManager.default.copyItem(at: dir, to: saved)
    try? Data((arguments.map { "'\($0)'" }.joined(separator: " ") + "\n# \(why)\n").utf8).write(to: saved.appending(path: "arguments.txt"))
    print("FAIL \(why): mekong \(arguments.joined(separator: " ")) (saved in \(saved.path))")
}
print("fuzz: seed \(options.seed), \(Int(Date().timeIntervalSince(start))) s")
print("\(passed) passed, \(failed) failed")
exit(failed == 0 ? 0 : 1)
