/// How a fit weighs each residual, as in scipy.optimize.least_squares: the cost is
/// ½ Σ C² ρ(r²/C²) with the residual r, the scale C, and ρ(z) one of
///
/// - `linear`: ρ(z) = z, plain least squares (C plays no part);
/// - `softL1`: ρ(z) = 2(√(1 + z) − 1), quadratic near zero and growing like |r| far out;
/// - `huber`: ρ(z) = z for z ≤ 1, else 2√z − 1, quadratic inside ±C and linear outside.
///
/// The scale C is the size of residual beyond which a residual counts as a possible outlier:
/// for relative residuals (model/observed − 1), `softL1(scale: 0.1)` trusts errors up to
/// about 10 % and lets larger ones pull less and less.
///
///     RobustLoss.huber(scale: 1).cost(of: [0.5, 2])   // ½ (0.25 + 3) = 1.625
public enum RobustLoss: Sendable, Hashable {
    case linear
    case softL1(scale: Double)
    case huber(scale: Double)

    /// The scale C; 1 for `linear`, where it makes no difference.
    public var scale: Double {
        switch self {
        case .linear: 1
        case .softL1(let scale), .huber(let scale): scale
        }
    }

    /// ½ Σ C² ρ(rᵢ²/C²): what a fit minimises. `.infinity` when a residual is not finite.
    ///
    /// - Parameter residuals: one per observation.
    /// - Complexity: O(n).
    public func cost(of residuals: [Double]) -> Double {
        let c2 = scale * scale
        var sum = 0.0
        for r in residuals {
            guard r.isFinite else { return .infinity }
            sum += c2 * rho(r * r / c2).value
        }
        return 0.5 * sum
    }

    /// The weights of one residual in a Gauss–Newton step, as scipy forms them.
    ///
    /// With z = r²/C², the cost's derivative in r is ρ′(z)·r (`gradient` = ρ′), and its second
    /// derivative is ρ′(z) + 2ρ″(z)·z (`curvature`), floored at the machine epsilon because
    /// the soft losses make it vanish far out (Huber's is exactly 0 beyond C).
    ///
    /// - Complexity: O(1).
    func weights(of residual: Double) -> (gradient: Double, curvature: Double) {
        let z = residual * residual / (scale * scale)
        let (_, first, second) = rho(z)
        return (first, max(first + 2 * second * z, Double.ulpOfOne))
    }

    /// ρ(z), ρ′(z) and ρ″(z).
    private func rho(_ z: Double) -> (value: Double, first: Double, second: Double) {
        switch self {
        case .linear:
            return (z, 1, 0)
        case .softL1:
            let t = (1 + z).squareRoot()
            return (2 * (t - 1), 1 / t, -0.5 / (t * t * t))
        case .huber:
            guard z > 1 else { return (z, 1, 0) }
            let t = z.squareRoot()
            return (2 * t - 1, 1 / t, -0.5 / (t * z))
        }
    }
}
