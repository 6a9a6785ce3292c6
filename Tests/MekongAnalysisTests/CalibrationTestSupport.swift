import Foundation
import TestSupport

extension SplitMix64 {
    /// A standard normal draw (Box–Muller), for noise of a known size.
    mutating func normal() -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self), v = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// A straight line y = intercept + slope·x with noise of standard deviation `sigma`, and the
/// textbook answers for it: the least-squares line in closed form, its standard errors and
/// each point's leverage.
struct PlantedLine {
    let intercept: Double, slope: Double, sigma: Double
    let x: [Double], y: [Double]

    init(seed: UInt64, count: Int, sigma: Double) {
        var rng = SplitMix64(state: seed)
        let intercept = Double.random(in: -2...2, using: &rng), slope = Double.random(in: 0.5...3, using: &rng)
        let x = (0..<count).map { _ in Double.random(in: 0...10, using: &rng) }
        (self.intercept, self.slope, self.sigma, self.x) = (intercept, slope, sigma, x)
        y = x.map { intercept + slope * $0 + sigma * rng.normal() }
    }

    /// Observed minus fitted, for a line's parameters [intercept, slope].
    func residuals(_ p: [Double], of indices: [Int]? = nil) -> [Double] {
        (indices ?? Array(x.indices)).map { y[$0] - (p[0] + p[1] * x[$0]) }
    }

    var meanX: Double { x.reduce(0, +) / Double(x.count) }
    var meanY: Double { y.reduce(0, +) / Double(y.count) }
    /// Σ(x − x̄)².
    var sxx: Double { x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) } }

    /// Least squares in closed form: slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², intercept = ȳ − slope·x̄.
    var leastSquares: (intercept: Double, slope: Double) {
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let slope = sxy / sxx
        return (meanY - slope * meanX, slope)
    }

    /// Standard errors of the least-squares line: σ·√(1/n + x̄²/Sxx) and σ/√Sxx.
    var standardErrors: (intercept: Double, slope: Double) {
        (sigma * (1 / Double(x.count) + meanX * meanX / sxx).squareRoot(), sigma / sxx.squareRoot())
    }

    /// The hat matrix, hᵢⱼ = 1/n + (xᵢ − x̄)(xⱼ − x̄)/Sxx: how much point j pulls the fit at
    /// point i; on the diagonal, a point's leverage on its own fit.
    func hat(_ i: Int, _ j: Int) -> Double { 1 / Double(x.count) + (x[i] - meanX) * (x[j] - meanX) / sxx }

    /// The least-squares residual of each point, yᵢ − (intercept + slope·xᵢ), in closed form.
    var leastSquaresResiduals: [Double] {
        let exact = leastSquares
        return x.indices.map { y[$0] - (exact.intercept + exact.slope * x[$0]) }
    }
}

/// Trips over roads of several classes, timed as Σ kmⱼ / speedⱼ with planted speeds and
/// multiplicative noise: the shape of the travel-time calibration.
struct PlantedSpeeds {
    let speedsKmh: [Double]
    /// km of each trip on each class.
    let km: [[Double]]
    var observedHours: [Double]
    let relativeNoise: Double

    init(seed: UInt64, trips: Int, classes: Int, relativeNoise: Double) {
        var rng = SplitMix64(state: seed)
        speedsKmh = (0..<classes).map { _ in Double.random(in: 30...90, using: &rng) }
        km = (0..<trips).map { _ in (0..<classes).map { _ in Double.random(in: 0...200, using: &rng) } }
        self.relativeNoise = relativeNoise
        let truth = speedsKmh
        observedHours = km.map { trip in
            zip(trip, truth).reduce(0) { $0 + $1.0 / $1.1 } * (1 + relativeNoise * rng.normal())
        }
    }

    /// Gross outliers: the observed hours of `1/n` of the trips, chosen at random, times 3.
    mutating func tripleTheObservedHours(ofOneTripIn n: Int, seed: UInt64) {
        var rng = SplitMix64(state: seed)
        for i in Array(observedHours.indices).shuffled(using: &rng).prefix(observedHours.count / n) { observedHours[i] *= 3 }
    }

    func modelHours(_ speeds: [Double], trip i: Int) -> Double {
        zip(km[i], speeds).reduce(0) { $0 + $1.0 / $1.1 }
    }

    /// model/observed − 1 per trip.
    func relativeResiduals(_ speeds: [Double]) -> [Double] {
        km.indices.map { modelHours(speeds, trip: $0) / observedHours[$0] - 1 }
    }

    /// The planted speeds' standard errors under the noise: σ·√diag((JᵀJ)⁻¹), with J the
    /// derivative of the relative residuals at the truth, ∂rᵢ/∂sⱼ = −kmᵢⱼ/(sⱼ²·observedᵢ).
    var standardErrors: [Double] {
        let p = speedsKmh.count
        var jtj = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for i in km.indices {
            let row = (0..<p).map { -km[i][$0] / (speedsKmh[$0] * speedsKmh[$0] * observedHours[i]) }
            for a in 0..<p { for b in 0..<p { jtj[a][b] += row[a] * row[b] } }
        }
        let inverse = gaussJordanInverse(jtj)
        return (0..<p).map { relativeNoise * inverse[$0][$0].squareRoot() }
    }
}

/// The inverse of a small well-conditioned matrix by Gauss–Jordan elimination with partial
/// pivoting: an independent check on the fit's own Cholesky solve.
func gaussJordanInverse(_ matrix: [[Double]]) -> [[Double]] {
    let n = matrix.count
    var a = matrix.enumerated().map { i, row in row + (0..<n).map { $0 == i ? 1.0 : 0.0 } }
    for column in 0..<n {
        let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
        a.swapAt(column, pivot)
        let scale = a[column][column]
        a[column] = a[column].map { $0 / scale }
        for row in 0..<n where row != column {
            let factor = a[row][column]
            a[row] = zip(a[row], a[column]).map { $0 - factor * $1 }
        }
    }
    return a.map { Array($0[n...]) }
}
