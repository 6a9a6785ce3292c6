import ArgumentParser
import Foundation
import MekongData
import MekongNetwork
import PillarReport

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the Pillar 1 report: a self-contained HTML page and the same as Markdown.",
        discussion: """
            The flagship route (Bangkok → Hanoi over the Third Mekong Bridge), every corridor, the \
            gaps closed and remaining since --against-year with the projects that closed them, the \
            project ranking, and the assumptions with their sources; two maps. The HTML page has its \
            styles and maps (SVG) inline and opens offline. Beside it go NAME.md and the Markdown's \
            maps, NAME-route.svg and NAME-gaps.svg. Every file is written atomically.
            Example: mekong report --year 2026 --against-year 2012 --out out/pillar1.html
            """
    )

    @Option(name: .customLong("against-year"), help: ArgumentHelp("The earlier year to compare with (default 2012, the plan's year).", valueName: "year"))
    var againstYear: Int = 2012

    @OptionGroup var networkOptions: NetworkOptions

    @Option(help: ArgumentHelp("The HTML file to write, e.g. out/pillar1.html; NAME.md and NAME-*.svg go beside it.", valueName: "file"))
    var out: String

    func validate() throws {
        try ScenarioOptions.check(againstYear, option: "--against-year")
        guard out.lowercased().hasSuffix(".html") || out.lowercased().hasSuffix(".htm") else {
            throw ValidationError("--out names the HTML page and must end in .html, e.g. --out out/pillar1.html")
        }
    }

    func run() throws {
        try reporting {
            let network = try networkOptions.network()
            let report: PillarReport
            do {
                report = try PillarReport(dataset: network.dataset, profile: network.costModel.profile, scenario: network.scenario, againstYear: againstYear)
            } catch {
                throw CLIError.data("\(error)")
            }
            let stem = (out as NSString).deletingPathExtension
            let base = (stem as NSString).lastPathComponent
            let markdown = report.markdown { "\(base)-\($0).svg" }
            var written = [out]
            try OutputOptions<AnyFormat>.emit(report.html(), to: out)
            try OutputOptions<AnyFormat>.emit(markdown, to: stem + ".md")
            written.append(stem + ".md")
            for map in report.maps {
                try OutputOptions<AnyFormat>.emit(#"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + map.svg + "\n", to: "\(stem)-\(map.name).svg")
                written.append("\(stem)-\(map.name).svg")
            }
            FileHandle.standardError.write(Data("wrote \(written.joined(separator: ", "))\n".utf8))
        }
    }
}
