import ArgumentParser
import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork
import MekongReports

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "The model against published observed trips (observations.json), and a fit of the profiles to them.",
        discussion: """
            Every observation runs on the network of its year with its vehicle's profile: driving \
            time, or door-to-door time under the profile's driving rules when the source measured \
            door to door. --fit fits each profile's road speeds, terrain factors, urban speed, \
            ferry wait and default border delay by bounded robust least squares on relative \
            errors, reports the error before and after and a k-fold cross-validated error, and \
            writes the fitted values into the data directory's profiles.json (with --data; the \
            embedded data cannot be written).
            Example: mekong calibrate --data GeoData --fit
            """
    )

    @Flag(help: "Fit the profiles to the observations and write them into profiles.json (with --data).") var fit = false
    @Option(help: ArgumentHelp("Only this profile (repeatable; default: every profile with observations).", valueName: "profile"))
    var profile: [String] = []
    @Option(help: ArgumentHelp("Folds of the cross-validation (2 or more).", valueName: "k")) var folds: Int = 5
    @Option(help: ArgumentHelp("How many of the worst trips to list.", valueName: "n")) var worst: Int = 10
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions<TableOrJSON>

    func validate() throws {
        guard folds >= 2 else { throw ValidationError("--folds must be 2 or more, not \(folds)") }
        guard worst >= 0 else { throw ValidationError("--worst must be 0 or more, not \(worst)") }
    }

    func run() throws {
        try reporting {
            let dataset = try dataOptions.load()
            guard !dataset.observations.isEmpty else {
                throw CLIError.data("\(dataOptions.source) has no observations.json: there is nothing to calibrate against")
            }
            let known = dataset.profiles.map(\.id.rawValue)
            for p in profile where !known.contains(p) {
                throw CLIError.usage("unknown profile \"\(p)\"; choose \(known.joined(separator: ", "))\(Suggestions.hint(for: p, among: known))")
            }
            let calibration = Calibration(dataset: dataset)
            let report = try CalibrationReport(calibration: calibration, comparisons: calibration.compare(), worst: worst)
            var fits: [Calibration.Fit] = []
            var unfitted: [(ProfileID, String)] = []
            if fit {
                let chosen = profile.isEmpty ? Set(dataset.observations.map(\.vehicle)).sorted() : profile.map(ProfileID.init)
                for id in chosen {
                    do { fits.append(try calibration.fit(id, folds: folds)) } catch {
                        // A profile asked for by name must fit; among all, one with too few trips is reported.
                        if !profile.isEmpty { throw CLIError.data("cannot fit \(id): \(error)") }
                        unfitted.append((id, "\(error)"))
                    }
                }
                try write(fits)
            }
            switch output.format {
            case .json: try output.emit(try JSONOutput.text(report.json(fits: fits)))
            default:
                var text = report.table(fits: fits, written: writtenPath)
                for (id, why) in unfitted { text += "Not fitted: \(id): \(why).\n" }
                try output.emit(text)
            }
        }
    }

    /// The profiles.json the fit writes to, nil for the embedded data.
    var writtenPath: String? {
        guard fit, case .directory(let url) = dataOptions.source else { return nil }
        return url.appending(path: "profiles.json").path
    }

    /// A fit is written only when it predicts trips it was not fitted on better than the values
    /// it started from: otherwise it learnt the noise of a few trips.
    static func improves(_ fit: Calibration.Fit) -> Bool {
        guard let before = Median.of(fit.errorsBefore.map(abs)), let held = Median.of(fit.crossValidatedErrors.map(abs)) else { return false }
        return held < before
    }

    func write(_ fits: [Calibration.Fit]) throws {
        guard let path = writtenPath else { return }
        let fits = fits.filter(Self.improves)
        guard !fits.isEmpty else { return }
        let url = URL(fileURLWithPath: path)
        var text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw CLIError.io("cannot read \(path): \(error.localizedDescription)") }
        let day = DayDate.today
        for f in fits {
            let values = Dictionary(uniqueKeysWithValues: zip(f.parameters.map(\.path), f.after))
            do {
                text = try ProfileFileUpdate.apply(to: text, profile: f.profile.id, values: values) { _, old in
                    "Fitted \(day) by mekong calibrate on \(f.trips.count) \(f.profile.id) trips (was \(ProfileFileUpdate.format(old)))."
                }
            } catch { throw CLIError.data("cannot update \(path): \(error)") }
        }
        do { try AtomicFile.write(Data(text.utf8), to: url) } catch { throw CLIError.io(error.description) }
    }
}

/// The comparison and the fits as a table for people and JSON for scripts.
struct CalibrationReport {
    let calibration: Calibration
    let comparisons: [Calibration.Comparison]
    let worst: Int
    let time: ErrorSummary<ObservationID>?
    let distance: ErrorSummary<ObservationID>?

    init(calibration: Calibration, comparisons: [Calibration.Comparison], worst: Int) throws {
        self.calibration = calibration
        self.comparisons = comparisons
        self.worst = worst
        // The summaries are of the trips the fit may use; the others are listed with their reason.
        let used = comparisons.filter { $0.observation.notFittedBecause == nil }
        let timed = used.compactMap { c in c.modelHours.flatMap { m in c.observation.hours.map { ErrorSummary.Item(id: c.observation.id, model: m, observed: $0) } } }
        let measured = used.compactMap { c in c.modelKm.flatMap { m in c.observation.km.map { ErrorSummary.Item(id: c.observation.id, model: m, observed: $0) } } }
        time = try? ErrorSummary(timed)
        distance = try? ErrorSummary(measured)
    }

    static func percent(_ x: Double) -> String { String(format: "%+.0f %%", x * 100) }
    static func share(_ x: Double) -> String { String(format: "%.0f %%", x * 100) }

    /// Error summaries of the timed trips grouped by a key; a trip may fall in several groups.
    func groups(_ keys: (Calibration.Comparison) -> [String]) -> [(key: String, summary: ErrorSummary<ObservationID>)] {
        var members: [String: [ErrorSummary<ObservationID>.Item]] = [:]
        for c in comparisons where c.observation.notFittedBecause == nil {
            guard let m = c.modelHours, let o = c.observation.hours else { continue }
            for k in keys(c) { members[k, default: []].append(.init(id: c.observation.id, model: m, observed: o)) }
        }
        return members.keys.sorted().compactMap { k in (try? ErrorSummary(members[k]!)).map { (k, $0) } }
    }

    var groupings: [(name: String, groups: [(key: String, summary: ErrorSummary<ObservationID>)])] {
        [("road class", groups { [$0.mainClass?.rawValue ?? "none"] }),
         ("terrain", groups { [$0.mainTerrain?.rawValue ?? "none"] }),
         ("country", groups { $0.countries }),
         ("vehicle", groups { [$0.observation.vehicle.rawValue] })]
    }

    func table(fits: [Calibration.Fit], written: String?) -> String {
        var out = "Model against \(comparisons.count) observed trips (observations.json)\n\n"
        let rows = comparisons.map { c -> [String] in
            let o = c.observation
            return [o.id.rawValue, o.vehicle.rawValue, "\(o.year)", o.measured.rawValue,
                    o.hours.map(RouteReport.hours) ?? "", c.modelHours.map(RouteReport.hours) ?? "",
                    c.timeRatio.map { String(format: "%.2f", $0) } ?? "",
                    o.km.map { String(format: "%.0f", $0) } ?? "", c.modelKm.map { String(format: "%.0f", $0) } ?? "",
                    c.failure.map { "no route: \($0)" } ?? c.observation.notFittedBecause.map { "not fitted: \($0)" } ?? ""]
        }
        out += TextTable.render(headers: ["trip", "vehicle", "year", "measured", "observed", "model", "ratio", "km obs", "km model", "note"], rows: rows)
        if let time {
            out += "\nTime: \(time.items.count) trips (those the fit may use); median absolute error \(Self.share(time.medianAbsoluteRelativeError)), "
                + "bias \(Self.percent(time.bias)) (negative: the model is too fast); "
                + "within ±15 %: \(Self.share(time.shareWithin(percent: 15))), within ±40 %: \(Self.share(time.shareWithin(percent: 40)))\n"
        }
        if let distance {
            out += "Distance: \(distance.items.count) trips; median absolute error \(Self.share(distance.medianAbsoluteRelativeError)), bias \(Self.percent(distance.bias))\n"
        }
        if let time, worst > 0 {
            out += "\nWorst trips by time:\n"
            for item in time.worst(worst) {
                out += String(format: "  %@  model %@ against %@ (ratio %.2f)\n", item.id.rawValue, RouteReport.hours(item.model), RouteReport.hours(item.observed), item.ratio)
            }
        }
        for (name, groups) in groupings {
            out += "\nTime error by \(name):\n"
            out += TextTable.render(headers: [name, "trips", "median |error|", "bias"], rows: groups.map {
                [$0.key, "\($0.summary.items.count)", Self.share($0.summary.medianAbsoluteRelativeError), Self.percent($0.summary.bias)]
            })
        }
        let failed = comparisons.filter { $0.failure != nil }
        if !failed.isEmpty { out += "\n\(failed.count) trip(s) have no route in the model (see the note column).\n" }
        for f in fits {
            out += "\nFit of \(f.profile.id) on \(f.trips.count) timed trips (soft-L1 loss, bounds in CalibratedParameter):\n"
            out += TextTable.render(headers: ["parameter", "before", "after", "bounds", "note"], rows: zip(f.parameters, zip(f.before, f.after)).map { p, v in
                [p.path, ProfileFileUpdate.format(v.0), ProfileFileUpdate.format(v.1), p.boundsDescription(for: f.profile.id),
                 f.atBound.contains(p) ? "at a bound" : ""]
            })
            func median(_ errors: [Double]) -> String { Median.of(errors.map(abs)).map(Self.share) ?? "n/a" }
            out += "Median absolute time error: before \(median(f.errorsBefore)), after \(median(f.errorsAfter)), "
                + "cross-validated (\(f.folds)-fold) \(median(f.crossValidatedErrors)); "
                + "worst after: \(f.errorsAfter.map(abs).max().map(Self.share) ?? "n/a")\n"
            if !CalibrateCommand.improves(f) {
                out += "Not written: the cross-validated error is no better than before the fit, so it would fit noise.\n"
            }
        }
        if fits.count > 1 {
            let pooled = Self.pooled(fits)
            out += "\nAll profiles, \(pooled.trips) trips: median absolute time error before \(Self.share(pooled.before)), "
                + "cross-validated \(Self.share(pooled.crossValidated)) (each profile's own folds, the errors taken together)\n"
        }
        if !fits.isEmpty {
            out += written.map { fits.contains(where: CalibrateCommand.improves) ? "\nWrote the fitted values into \($0).\n" : "\nNothing written.\n" }
                ?? "\nThe embedded data cannot be written: run with --data DIR to write the fitted values into DIR/profiles.json.\n"
        }
        return out
    }

    /// The fits' trips taken together: how far the data's values and the cross-validated fits
    /// are off over every profile's trips, as fractions.
    static func pooled(_ fits: [Calibration.Fit]) -> (trips: Int, before: Double, crossValidated: Double) {
        let before = fits.flatMap(\.errorsBefore).map(abs), held = fits.flatMap(\.crossValidatedErrors).map(abs)
        return (before.count, Median.of(before) ?? .nan, Median.of(held) ?? .nan)
    }

    func json(fits: [Calibration.Fit]) -> JSONValue {
        func summary(_ s: ErrorSummary<ObservationID>?) -> JSONValue {
            guard let s else { return .null }
            return ["trips": .number(Double(s.items.count)), "median_absolute_error": .number(s.medianAbsoluteRelativeError),
                    "bias": .number(s.bias), "within_15_percent": .number(s.shareWithin(percent: 15)),
                    "within_40_percent": .number(s.shareWithin(percent: 40))]
        }
        var groups: [String: JSONValue] = [:]
        for (name, list) in groupings {
            groups[name.replacingOccurrences(of: " ", with: "_")] = .object(Dictionary(uniqueKeysWithValues: list.map { ($0.key, summary($0.summary)) }))
        }
        return [
            "trips": .array(comparisons.map { c in
                [
                    "id": .string(c.observation.id.rawValue), "vehicle": .string(c.observation.vehicle.rawValue),
                    "year": .number(Double(c.observation.year)), "measured": .string(c.observation.measured.rawValue),
                    "observed_hours": c.observation.hours.map(JSONValue.number) ?? .null, "model_hours": c.modelHours.map(JSONValue.number) ?? .null,
                    "observed_km": c.observation.km.map(JSONValue.number) ?? .null, "model_km": c.modelKm.map(JSONValue.number) ?? .null,
                    "time_ratio": c.timeRatio.map(JSONValue.number) ?? .null, "failure": c.failure.map(JSONValue.string) ?? .null,
                    "source": .string(c.observation.source.url),
                ]
            }),
            "time": summary(time), "distance": summary(distance), "by": .object(groups),
            "fits_pooled": fits.count > 1 ? {
                let pooled = Self.pooled(fits)
                return ["trips": .number(Double(pooled.trips)), "median_absolute_error_before": .number(pooled.before),
                        "median_absolute_error_cross_validated": .number(pooled.crossValidated)]
            }() : .null,
            "fits": .array(fits.map { f in
                func median(_ e: [Double]) -> JSONValue { Median.of(e.map(abs)).map(JSONValue.number) ?? .null }
                return [
                    "profile": .string(f.profile.id.rawValue), "trips": .number(Double(f.trips.count)), "folds": .number(Double(f.folds)),
                    "parameters": .array(zip(f.parameters, zip(f.before, f.after)).map { p, v in
                        ["path": .string(p.path), "before": .number(v.0), "after": .number(v.1), "at_bound": .bool(f.atBound.contains(p))]
                    }),
                    "median_absolute_error_before": median(f.errorsBefore), "median_absolute_error_after": median(f.errorsAfter),
                    "median_absolute_error_cross_validated": median(f.crossValidatedErrors),
                ]
            }),
        ]
    }
}
