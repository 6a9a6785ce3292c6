import ArgumentParser
import Foundation
import GeoCore
import MekongData
import MekongReports

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every rule the data must keep; exit 65 (bad data) on errors.",
        discussion: """
            Schema and allowed values, unique ids, references, geometry (GEOS), link ends on their \
            places, declared against geodesic length, years in order, border links, river \
            crossings, corridor continuity, coordinates inside the region. With --reference, \
            compares cities, ports and airports with Natural Earth points and road links with \
            Natural Earth roads.
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("Folder of Natural Earth reference layers to compare with.", valueName: "dir"))
    var reference: String?

    @Option(help: ArgumentHelp("Year whose network must connect every corridor (default: the current year).", valueName: "year"))
    var year: Int?

    @OptionGroup var output: OutputOptions<TableOrJSON>

    @Flag(help: "Show warnings and notes too, not only errors and a count of the rest.")
    var verbose = false

    func run() throws {
        try reporting {
            let source = dataOptions.source
            guard source.exists else { throw CLIError.usage("the data directory \(source) does not exist") }
            let (dataset, readFindings) = DatasetReader.read(source)
            var findings = readFindings
            do {
                findings += try DatasetValidator(year: year ?? Scenario.currentYear).validate(dataset)
            } catch {
                throw CLIError.data("validation stopped: \(error)")
            }
            if let reference {
                let url = URL(fileURLWithPath: reference)
                let readme = (try? source.read("README.md")).flatMap { $0.flatMap { String(data: $0, encoding: .utf8) } } ?? ""
                do {
                    let report = try ReferenceComparison().compare(dataset, referenceDirectory: url,
                                                                   explained: ReferenceComparison.explainedIDs(readme: readme))
                    findings += report.findings
                    findings.append(Finding(.note, file: "places.geojson", rule: "reference-summary",
                                            "\(report.matches.count) cities, ports and airports matched to Natural Earth; \(report.unmatched.count) have no reference point"))
                } catch {
                    throw CLIError.io("cannot compare with \(reference): \(error.localizedDescription)")
                }
            }
            findings.sort { ($0.severity, $0.file, $0.feature ?? "", $0.rule) < ($1.severity, $1.file, $1.feature ?? "", $1.rule) }
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.filter { $0.severity == .warning }.count
            let summary = "\(source): \(dataset.places.count) places, \(dataset.links.count) links, \(dataset.rivers.count) rivers, \(dataset.corridors.count) corridors, \(dataset.projects.count) projects, \(dataset.profiles.count) profiles; \(errors) error(s), \(warnings) warning(s)"
            var text = ""
            switch output.format {
            case .json:
                let list: [JSONValue] = findings.map {
                    var o: [String: JSONValue] = ["severity": .string($0.severity.rawValue), "file": .string($0.file),
                                                  "rule": .string($0.rule), "message": .string($0.message)]
                    if let f = $0.feature { o["feature"] = .string(f) }
                    return .object(o)
                }
                text = try JSONOutput.text(["summary": .string(summary), "errors": .number(Double(errors)),
                                            "warnings": .number(Double(warnings)), "findings": .array(list)])
            default:
                let shown = verbose ? findings : findings.filter { $0.severity == .error }
                for finding in shown { text += "\(finding)\n" }
                if !verbose && findings.count > shown.count {
                    let counts = Dictionary(grouping: findings.filter { $0.severity != .error }, by: \.rule).mapValues(\.count)
                    text += "(\(findings.count - shown.count) warnings and notes not shown, --verbose shows them: " +
                        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")\n"
                }
                text += summary + "\n"
            }
            try output.emit(text)
            // sysexits' EX_DATAERR, as the README's exit codes say for bad data.
            if errors > 0 { throw ExitCode(65) }
        }
    }
}
