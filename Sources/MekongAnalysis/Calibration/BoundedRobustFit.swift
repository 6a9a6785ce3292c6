/// A bounded, robust nonlinear least-squares fit: the parameters within their bounds that
/// minimise ½ Σ C² ρ(rᵢ²/C²) over the residuals rᵢ the caller computes (see ``RobustLoss``).
///
/// The method is Levenberg–Marquardt on the robust-weighted problem, as scipy's
/// `least_squares` weighs it: at each iteration a forward-difference Jacobian J, the gradient
/// g = Jᵀ(ρ′·r), the Gauss–Newton matrix H = Jᵀ·diag(ρ′ + 2ρ″z)·J, and steps that solve
/// (H + λ·D)·δ = −g by Cholesky, where D is the largest squared column norm of J seen so far
/// (Moré's scaling, so the damping is in each parameter's own units). λ shrinks after a step
/// that lowers the cost and grows after one that does not (Nielsen's rule).
///
/// Bounds are kept by projection: each trial point is clamped into the box, and a parameter
/// that sits on a bound while the gradient pushes it outward is frozen for that iteration.
///
/// The fit stops when an accepted step lowers the cost by less than `relativeCostTolerance`
/// of it, when a step is shorter than `relativeStepTolerance`·(tolerance + ‖x‖), when the
/// projected gradient is zero, or after `maxIterations` Jacobians.
///
///     // Rosenbrock's valley as residuals: the minimum is (1, 1).
///     let fit = BoundedRobustFit(initial: [-1.2, 1], lower: [-5, -5], upper: [5, 5])
///     let result = try fit.minimize { p in [10 * (p[1] - p[0] * p[0]), 1 - p[0]] }
///     result.parameters   // ≈ [1, 1]
///
/// Make the residuals relative (model/observed − 1) when observations differ in size, so a
/// 10-hour trip and a 1-hour trip weigh alike.
///
/// - Complexity: O(iterations × ((p + 1) residual evaluations + m·p² + p³)) for p parameters
///   and m residuals: each iteration evaluates the residuals p times for the Jacobian and at
///   least once for a trial step, forms H in O(m·p²) and factors it in O(p³) per trial. Meant
///   for p up to about 50.
public struct BoundedRobustFit: Sendable, Hashable {
    /// Where a parameter ended up against its bounds.
    public enum ActiveBound: Sendable, Hashable {
        case lower, upper
    }

    /// Why the fit stopped.
    public enum StopReason: Sendable, Hashable {
        /// An accepted step lowered the cost by less than `relativeCostTolerance` of it.
        case costChange
        /// The next step was shorter than `relativeStepTolerance`·(tolerance + ‖parameters‖):
        /// nothing nearby is lower.
        case stepSize
        /// The gradient is zero in every direction the bounds allow.
        case stationary
        /// `maxIterations` Jacobians were spent first: the answer may not be a minimum.
        case maxIterations
    }

    /// What a fit found.
    public struct Result: Sendable, Hashable {
        /// The best parameters found, each within its bounds.
        public var parameters: [Double]
        /// The residuals at `parameters`.
        public var residuals: [Double]
        /// The cost at the initial values.
        public var initialCost: Double
        /// The cost at `parameters`, ½ Σ C² ρ(rᵢ²/C²); never above `initialCost`.
        public var finalCost: Double
        /// Jacobians evaluated.
        public var iterations: Int
        /// Calls of the residual function, Jacobians included.
        public var residualEvaluations: Int
        /// Per parameter: the bound it ended on, or nil when it is inside its bounds.
        public var activeBounds: [ActiveBound?]
        /// Why the fit stopped; ``StopReason/maxIterations`` warns that it may not be a minimum.
        public var stopReason: StopReason
    }

    /// A problem the fit cannot start on; each message says what to change.
    public enum ProblemError: Error, Sendable, Hashable, CustomStringConvertible {
        case noParameters
        case boundCounts(parameters: Int, lower: Int, upper: Int)
        case boundNotFinite(parameter: Int, lower: Double, upper: Double)
        case boundsCrossed(parameter: Int, lower: Double, upper: Double)
        case initialOutsideBounds(parameter: Int, value: Double, lower: Double, upper: Double)
        case badLossScale(Double)
        case noResiduals
        case residualNotFinite(residual: Int, parameters: [Double])
        case residualCountChanged(expected: Int, got: Int)

        /// What is wrong with the problem and what to change, in one sentence.
        public var description: String {
            switch self {
            case .noParameters:
                "there are no parameters to fit; give at least one initial value"
            case let .boundCounts(parameters, lower, upper):
                "\(parameters) parameters need as many bounds, but there are \(lower) lower and \(upper) upper bounds"
            case let .boundNotFinite(parameter, lower, upper):
                "parameter \(parameter) has bounds \(lower)…\(upper); bounds must be finite numbers"
            case let .boundsCrossed(parameter, lower, upper):
                "parameter \(parameter) has its lower bound \(lower) above its upper bound \(upper); swap them"
            case let .initialOutsideBounds(parameter, value, lower, upper):
                "parameter \(parameter) starts at \(value), outside its bounds \(lower)…\(upper); start it inside"
            case let .badLossScale(scale):
                "the loss scale is \(scale); it must be a finite number > 0 (the residual size beyond which a residual counts as an outlier)"
            case .noResiduals:
                "the residual function returned no residuals; there is nothing to fit"
            case let .residualNotFinite(residual, parameters):
                "residual \(residual) is not a finite number at parameters \(parameters); the model must be defined everywhere inside the bounds"
            case let .residualCountChanged(expected, got):
                "the residual function returned \(got) residuals after \(expected); it must return one per observation every time"
            }
        }
    }

    /// The starting value of each parameter, inside its bounds.
    public var initial: [Double]
    /// The lower bound of each parameter, finite.
    public var lower: [Double]
    /// The upper bound of each parameter, finite; equal to `lower` fixes the parameter.
    public var upper: [Double]
    /// How residuals are weighed; ``RobustLoss/linear`` is plain least squares.
    public var loss: RobustLoss
    /// At most this many Jacobians are evaluated.
    public var maxIterations: Int
    /// Stop when an accepted step lowers the cost by less than this share of it.
    public var relativeCostTolerance = 1e-10
    /// Stop when a step is shorter than this × (this + ‖parameters‖): relative for large
    /// parameters, absolute near zero.
    public var relativeStepTolerance = 1e-10

    /// A fit of the box `lower`…`upper` from `initial`; the problem is checked when it runs.
    /// - Parameters:
    ///   - initial: the starting value of each parameter, inside its bounds.
    ///   - lower: finite lower bounds, one per parameter.
    ///   - upper: finite upper bounds, one per parameter; equal to `lower` fixes the parameter.
    ///   - loss: how residuals are weighed; `.linear` is plain least squares.
    ///   - maxIterations: at most this many Jacobians.
    public init(initial: [Double], lower: [Double], upper: [Double], loss: RobustLoss = .linear, maxIterations: Int = 200) {
        self.initial = initial
        self.lower = lower
        self.upper = upper
        self.loss = loss
        self.maxIterations = maxIterations
    }

    /// The parameters within the bounds that minimise the loss of `residuals`.
    ///
    /// - Parameter residuals: one residual per observation for given parameters; never called
    ///   outside the bounds. A non-finite residual at a trial point rejects that point.
    /// - Throws: ``ProblemError`` when the problem is malformed or the residuals are not finite
    ///   at the initial values or near an accepted point (where the Jacobian is taken).
    /// - Complexity: see the type.
    public func minimize(_ residuals: (_ parameters: [Double]) -> [Double]) throws(ProblemError) -> Result {
        try validate()
        let p = initial.count
        var evaluations = 0
        func evaluate(_ x: [Double], expected: Int?) throws(ProblemError) -> [Double] {
            let r = residuals(x)
            evaluations += 1
            if let expected, r.count != expected { throw .residualCountChanged(expected: expected, got: r.count) }
            return r
        }
        func requireFinite(_ r: [Double], at x: [Double]) throws(ProblemError) {
            if let bad = r.firstIndex(where: { !$0.isFinite }) { throw .residualNotFinite(residual: bad, parameters: x) }
        }

        var x = initial
        var r = try evaluate(x, expected: nil)
        let m = r.count
        guard m > 0 else { throw .noResiduals }
        try requireFinite(r, at: x)
        var cost = loss.cost(of: r)
        let initialCost = cost
        var damping = 1e-3, growth = 2.0
        var scaling = [Double](repeating: 0, count: p)
        var iterations = 0
        var stop: StopReason?

        while stop == nil {
            guard iterations < maxIterations else { stop = .maxIterations; break }
            iterations += 1
            let jacobian = try forwardDifferenceJacobian(at: x, residuals: r) { (point) throws(ProblemError) in
                let rr = try evaluate(point, expected: m)
                try requireFinite(rr, at: point)
                return rr
            }
            let (gradient, hessian) = normalEquations(jacobian: jacobian, residuals: r, parameterCount: p)
            for j in 0..<p {
                var columnNorm = 0.0
                for i in 0..<m { columnNorm += jacobian[j * m + i] * jacobian[j * m + i] }
                scaling[j] = max(scaling[j], columnNorm)
            }
            let free = (0..<p).filter { j in
                lower[j] < upper[j] && !(x[j] <= lower[j] && gradient[j] > 0) && !(x[j] >= upper[j] && gradient[j] < 0)
            }
            guard free.contains(where: { gradient[$0] != 0 }) else { stop = .stationary; break }
            let largestScale = free.map { scaling[$0] }.max() ?? 0
            let diagonal = free.map { largestScale > 0 ? max(scaling[$0], 1e-12 * largestScale) : 1 }

            // Trial steps at growing damping until one lowers the cost or becomes too short.
            while true {
                let n = free.count
                var system = [Double](repeating: 0, count: n * n)
                for (a, j) in free.enumerated() {
                    for (b, k) in free.enumerated() { system[a * n + b] = hessian[j * p + k] }
                    system[a * n + a] += damping * diagonal[a]
                }
                guard let factor = CholeskyFactorization(symmetric: system, dimension: n) else {
                    damping *= growth; growth *= 2
                    guard damping.isFinite else { stop = .stepSize; break }
                    continue
                }
                let solution = factor.solve(free.map { -gradient[$0] })
                var trial = x
                for (a, j) in free.enumerated() { trial[j] = min(max(x[j] + solution[a], lower[j]), upper[j]) }
                let step = (0..<p).map { trial[$0] - x[$0] }
                if norm(step) <= relativeStepTolerance * (relativeStepTolerance + norm(x)) { stop = .stepSize; break }

                let trialResiduals = try evaluate(trial, expected: m)
                let trialCost = loss.cost(of: trialResiduals)
                if trialCost < cost {
                    let reduction = cost - trialCost
                    let predicted = predictedReduction(step: step, gradient: gradient, hessian: hessian)
                    let gain = predicted > 0 ? reduction / predicted : 1
                    // Floored so that it can grow again: zero times any factor stays zero.
                    damping = max(damping * max(1.0 / 3, 1 - pow3(2 * gain - 1)), 1e-15)
                    growth = 2
                    let relativeChange = reduction / cost
                    x = trial; r = trialResiduals; cost = trialCost
                    if relativeChange < relativeCostTolerance { stop = .costChange }
                    break
                }
                damping *= growth; growth *= 2
                guard damping.isFinite else { stop = .stepSize; break }
            }
        }

        let active: [ActiveBound?] = (0..<p).map { j in
            x[j] <= lower[j] ? .lower : x[j] >= upper[j] ? .upper : nil
        }
        return Result(parameters: x, residuals: r, initialCost: initialCost, finalCost: cost, iterations: iterations,
                      residualEvaluations: evaluations, activeBounds: active, stopReason: stop ?? .maxIterations)
    }

    private func validate() throws(ProblemError) {
        let p = initial.count
        guard p > 0 else { throw .noParameters }
        guard lower.count == p, upper.count == p else { throw .boundCounts(parameters: p, lower: lower.count, upper: upper.count) }
        for j in 0..<p {
            guard lower[j].isFinite, upper[j].isFinite else { throw .boundNotFinite(parameter: j, lower: lower[j], upper: upper[j]) }
            guard lower[j] <= upper[j] else { throw .boundsCrossed(parameter: j, lower: lower[j], upper: upper[j]) }
            guard initial[j] >= lower[j], initial[j] <= upper[j] else {
                throw .initialOutsideBounds(parameter: j, value: initial[j], lower: lower[j], upper: upper[j])
            }
        }
        guard loss.scale > 0, loss.scale.isFinite else { throw .badLossScale(loss.scale) }
    }

    /// The Jacobian by forward differences, column-major (column j at j·m): the step for
    /// parameter j is √ε·max(1, |xⱼ|) as in scipy, taken backward when forward would leave
    /// the bounds, and shortened to the room left when neither fits.
    private func forwardDifferenceJacobian(
        at x: [Double], residuals r: [Double], evaluate: ([Double]) throws(ProblemError) -> [Double]
    ) throws(ProblemError) -> [Double] {
        let m = r.count, p = x.count
        var jacobian = [Double](repeating: 0, count: m * p)
        let relativeStep = Double.ulpOfOne.squareRoot()
        for j in 0..<p {
            var h = relativeStep * max(1, abs(x[j]))
            if x[j] + h > upper[j] {
                if x[j] - h >= lower[j] { h = -h } else { h = upper[j] - x[j] >= x[j] - lower[j] ? upper[j] - x[j] : lower[j] - x[j] }
            }
            var shifted = x
            shifted[j] = x[j] + h
            let exactStep = shifted[j] - x[j]
            guard exactStep != 0 else { continue }
            let rr = try evaluate(shifted)
            for i in 0..<m { jacobian[j * m + i] = (rr[i] - r[i]) / exactStep }
        }
        return jacobian
    }

    /// g = Jᵀ(ρ′·r) and H = Jᵀ·diag(ρ′ + 2ρ″z)·J (row-major p × p) for the loss.
    private func normalEquations(jacobian: [Double], residuals r: [Double], parameterCount p: Int) -> (gradient: [Double], hessian: [Double]) {
        let m = r.count
        let weights = r.map { loss.weights(of: $0) }
        var gradient = [Double](repeating: 0, count: p)
        var hessian = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            for i in 0..<m { gradient[j] += jacobian[j * m + i] * weights[i].gradient * r[i] }
            for k in 0...j {
                var sum = 0.0
                for i in 0..<m { sum += jacobian[j * m + i] * weights[i].curvature * jacobian[k * m + i] }
                hessian[j * p + k] = sum
                hessian[k * p + j] = sum
            }
        }
        return (gradient, hessian)
    }

    /// −(gᵀδ + ½ δᵀHδ): the drop in cost the quadratic model promises for the step δ.
    private func predictedReduction(step: [Double], gradient: [Double], hessian: [Double]) -> Double {
        let p = step.count
        var linear = 0.0, quadratic = 0.0
        for j in 0..<p {
            linear += gradient[j] * step[j]
            for k in 0..<p { quadratic += step[j] * hessian[j * p + k] * step[k] }
        }
        return -(linear + 0.5 * quadratic)
    }

    private func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    private func pow3(_ v: Double) -> Double { v * v * v }
}
