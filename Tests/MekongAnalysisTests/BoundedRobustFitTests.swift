import Foundation
import Testing
import TestSupport
@testable import MekongAnalysis

/// The fit against answers known from outside it: closed-form least squares, planted parameters
/// on seeded data, hand-solved bounded minima and Rosenbrock's valley.
struct BoundedRobustFitTests {
    @Test func straightLineMatchesClosedFormLeastSquaresAndThePlantedLine() throws {
        let line = PlantedLine(seed: 11, count: 200, sigma: 0.05)
        let fit = BoundedRobustFit(initial: [0, 1], lower: [-10, -10], upper: [10, 10])
        let result = try fit.minimize { line.residuals($0) }
        let exact = line.leastSquares
        // The same minimum as the textbook formula, to the precision a forward-difference
        // Jacobian allows on a linear model (exact up to rounding).
        #expect(abs(result.parameters[0] - exact.intercept) < 1e-8)
        #expect(abs(result.parameters[1] - exact.slope) < 1e-8)
        // And the planted line within four standard errors (a correct fit misses by more one
        // time in 16,000 per parameter; with a fixed seed the check is deterministic).
        let se = line.standardErrors
        #expect(abs(result.parameters[0] - line.intercept) < 4 * se.intercept)
        #expect(abs(result.parameters[1] - line.slope) < 4 * se.slope)
        #expect(result.activeBounds == [nil, nil])
        #expect(result.finalCost < result.initialCost)
        #expect(result.stopReason != .maxIterations)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func plantedSpeedsAreRecoveredExactlyWithoutNoise(seed: UInt64) throws {
        let trips = PlantedSpeeds(seed: seed, trips: 60, classes: 4, relativeNoise: 0)
        let fit = BoundedRobustFit(initial: [50, 50, 50, 50], lower: [5, 5, 5, 5], upper: [150, 150, 150, 150])
        let result = try fit.minimize { trips.relativeResiduals($0) }
        for (found, planted) in zip(result.parameters, trips.speedsKmh) {
            #expect(abs(found / planted - 1) < 1e-6, "\(result.parameters) vs \(trips.speedsKmh)")
        }
        #expect(result.finalCost < 1e-20)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func plantedSpeedsAreRecoveredWithinFourStandardErrorsUnderTwoPercentNoise(seed: UInt64) throws {
        let trips = PlantedSpeeds(seed: seed, trips: 120, classes: 4, relativeNoise: 0.02)
        let fit = BoundedRobustFit(initial: [50, 50, 50, 50], lower: [5, 5, 5, 5], upper: [150, 150, 150, 150])
        let result = try fit.minimize { trips.relativeResiduals($0) }
        let se = trips.standardErrors
        for j in trips.speedsKmh.indices {
            #expect(abs(result.parameters[j] - trips.speedsKmh[j]) < 4 * se[j],
                    "class \(j): \(result.parameters[j]) vs planted \(trips.speedsKmh[j]) ± \(se[j])")
        }
        #expect(result.activeBounds == [nil, nil, nil, nil])
    }

    @Test func upperBoundBelowThePlantedSlopeEndsOnItWithTheInterceptThatBestFitsIt() throws {
        let line = PlantedLine(seed: 12, count: 100, sigma: 0.05)
        let cap = line.slope - 0.3
        let fit = BoundedRobustFit(initial: [0, 0], lower: [-10, -10], upper: [10, cap])
        let result = try fit.minimize { line.residuals($0) }
        #expect(result.parameters[1] == cap)
        #expect(result.activeBounds == [nil, .upper])
        // With the slope held at the cap, the best intercept is mean(y − cap·x) = ȳ − cap·x̄.
        #expect(abs(result.parameters[0] - (line.meanY - cap * line.meanX)) < 1e-8)
    }

    @Test func lowerBoundAboveAPlantedSpeedEndsOnItAndReportsItActive() throws {
        let trips = PlantedSpeeds(seed: 4, trips: 80, classes: 3, relativeNoise: 0.01)
        let floor = trips.speedsKmh[1] + 15
        let fit = BoundedRobustFit(initial: [50, floor + 10, 50], lower: [5, floor, 5], upper: [150, 150, 150])
        let result = try fit.minimize { trips.relativeResiduals($0) }
        #expect(result.parameters[1] == floor)
        #expect(result.activeBounds == [nil, .lower, nil])
    }

    @Test func rosenbrockValleyReachesOneOne() throws {
        let fit = BoundedRobustFit(initial: [-1.2, 1], lower: [-5, -5], upper: [5, 5])
        let result = try fit.minimize { p in [10 * (p[1] - p[0] * p[0]), 1 - p[0]] }
        #expect(abs(result.parameters[0] - 1) < 1e-6 && abs(result.parameters[1] - 1) < 1e-6, "\(result)")
        // At (−1.2, 1) the residuals are 10(1 − 1.44) = −4.4 and 2.2: ½(19.36 + 4.84).
        #expect(abs(result.initialCost - 12.1) < 1e-12)
        #expect(result.finalCost < 1e-12)
        #expect(result.stopReason != .maxIterations)
    }

    /// With x ≤ ½ the valley floor y = x² still zeroes the first residual, so the cost is
    /// ½(1 − x)², least at the bound: (½, ¼).
    @Test func rosenbrockWithXAtMostAHalfEndsOnTheBoundOnTheValleyFloor() throws {
        let fit = BoundedRobustFit(initial: [-1.2, 1], lower: [-5, -5], upper: [0.5, 5])
        let result = try fit.minimize { p in [10 * (p[1] - p[0] * p[0]), 1 - p[0]] }
        #expect(result.parameters[0] == 0.5)
        #expect(abs(result.parameters[1] - 0.25) < 1e-6)
        #expect(result.activeBounds == [.upper, nil])
        #expect(abs(result.finalCost - 0.125) < 1e-10)
    }

    /// Tripling the observed time of one trip in ten makes the model look too fast on them;
    /// least squares slows the classes to compromise, a robust loss lets those trips go.
    /// The loss scale 0.05 is 2.5 times the 2 % noise: a residual beyond it is suspect.
    /// Measured on these seeds: least squares ends 4.1–7.8 % (4.4–8.3 standard errors) from the
    /// planted speeds, soft L1 1.0–1.5 % (0.7–1.8 standard errors), Huber alike.
    @Test(arguments: [5, 6, 7, 8] as [UInt64])
    func robustLossesRecoverPlantedSpeedsThatTenPercentOfTripledTimesThrowOffLeastSquares(seed: UInt64) throws {
        var trips = PlantedSpeeds(seed: seed, trips: 150, classes: 4, relativeNoise: 0.02)
        let se = trips.standardErrors
        trips.tripleTheObservedHours(ofOneTripIn: 10, seed: seed * 11)
        func worstError(_ loss: RobustLoss) throws -> (relative: Double, standardErrors: Double) {
            let fit = BoundedRobustFit(initial: [50, 50, 50, 50], lower: [5, 5, 5, 5], upper: [150, 150, 150, 150], loss: loss)
            let found = try fit.minimize { trips.relativeResiduals($0) }.parameters
            let planted = trips.speedsKmh
            return (planted.indices.map { abs(found[$0] / planted[$0] - 1) }.max()!,
                    planted.indices.map { abs(found[$0] - planted[$0]) / se[$0] }.max()!)
        }
        let linear = try worstError(.linear)
        let softL1 = try worstError(.softL1(scale: 0.05))
        let huber = try worstError(.huber(scale: 0.05))
        #expect(linear.relative > 0.035 && linear.standardErrors > 4, "least squares is pulled off: \(linear)")
        #expect(softL1.relative < 0.02 && softL1.standardErrors < 3, "soft L1 stays near the truth: \(softL1)")
        #expect(huber.relative < 0.02 && huber.standardErrors < 3, "Huber stays near the truth: \(huber)")
        #expect(linear.relative > 3 * softL1.relative)
    }

    /// scipy 1.17's `least_squares(f, [50] * 4, bounds=([5] * 4, [150] * 4), loss=…,
    /// f_scale=0.05, xtol=ftol=gtol=1e-15)` on the same trips (seed 5, written out as JSON)
    /// gives these speeds and costs; the fits agree far below the data's precision.
    @Test(arguments: [
        (RobustLoss.linear, [52.349080969828705, 71.35755191646686, 41.56455799225906, 36.294760303811834], 3.2730575500049826),
        (.softL1(scale: 0.05), [52.944038101361365, 74.0467032111984, 43.523050039008716, 36.34934029281088], 0.4804833343517816),
        (.huber(scale: 0.05), [52.96242630284504, 73.97312976474025, 43.53191603001017, 36.38925999498756], 0.49951667977151676),
    ])
    func fitAgreesWithScipyLeastSquaresOnTripsWithOutliers(loss: RobustLoss, scipySpeeds: [Double], scipyCost: Double) throws {
        var trips = PlantedSpeeds(seed: 5, trips: 150, classes: 4, relativeNoise: 0.02)
        trips.tripleTheObservedHours(ofOneTripIn: 10, seed: 55)
        let fit = BoundedRobustFit(initial: [50, 50, 50, 50], lower: [5, 5, 5, 5], upper: [150, 150, 150, 150], loss: loss)
        let result = try fit.minimize { trips.relativeResiduals($0) }
        for (found, scipy) in zip(result.parameters, scipySpeeds) { #expect(abs(found / scipy - 1) < 1e-6, "\(found) vs \(scipy)") }
        #expect(abs(result.finalCost / scipyCost - 1) < 1e-9)
    }

    @Test func lossCostsMatchHandComputedValues() {
        // Residuals 0.5 and 2: z = 0.25 and 4 at scale 1.
        #expect(RobustLoss.linear.cost(of: [0.5, 2]) == 0.5 * (0.25 + 4))
        // Huber: z inside 1 stays, z = 4 becomes 2·√4 − 1 = 3.
        #expect(RobustLoss.huber(scale: 1).cost(of: [0.5, 2]) == 0.5 * (0.25 + 3))
        // At scale 2 both residuals lie inside: ½·4·(0.0625 + 1), the same as least squares.
        #expect(RobustLoss.huber(scale: 2).cost(of: [0.5, 2]) == 2.125)
        // Soft L1: 2(√1.25 − 1) + 2(√5 − 1) = 0.472136 + 2.472136, halved (scipy agrees: 1.3541020).
        #expect(abs(RobustLoss.softL1(scale: 1).cost(of: [0.5, 2]) - 1.3541019662496845) < 1e-15)
        #expect(RobustLoss.softL1(scale: 1).cost(of: [.nan]) == .infinity)
    }

    @Test func malformedProblemsAreRefusedNamingWhatToChange() {
        let residuals: ([Double]) -> [Double] = { [$0[0] - 1] }
        #expect(throws: BoundedRobustFit.ProblemError.initialOutsideBounds(parameter: 0, value: 3, lower: 0, upper: 2)) {
            try BoundedRobustFit(initial: [3], lower: [0], upper: [2]).minimize(residuals)
        }
        #expect(throws: BoundedRobustFit.ProblemError.boundsCrossed(parameter: 0, lower: 2, upper: 0)) {
            try BoundedRobustFit(initial: [1], lower: [2], upper: [0]).minimize(residuals)
        }
        #expect(throws: BoundedRobustFit.ProblemError.boundNotFinite(parameter: 0, lower: 0, upper: .infinity)) {
            try BoundedRobustFit(initial: [1], lower: [0], upper: [.infinity]).minimize(residuals)
        }
        #expect(throws: BoundedRobustFit.ProblemError.boundCounts(parameters: 1, lower: 2, upper: 1)) {
            try BoundedRobustFit(initial: [1], lower: [0, 0], upper: [2]).minimize(residuals)
        }
        #expect(throws: BoundedRobustFit.ProblemError.badLossScale(0)) {
            try BoundedRobustFit(initial: [1], lower: [0], upper: [2], loss: .softL1(scale: 0)).minimize(residuals)
        }
        #expect(throws: BoundedRobustFit.ProblemError.residualNotFinite(residual: 0, parameters: [0])) {
            try BoundedRobustFit(initial: [0], lower: [0], upper: [2]).minimize { [1 / $0[0]] }
        }
        #expect(BoundedRobustFit.ProblemError.initialOutsideBounds(parameter: 0, value: 3, lower: 0, upper: 2).description
                == "parameter 0 starts at 3.0, outside its bounds 0.0…2.0; start it inside")
    }
}
