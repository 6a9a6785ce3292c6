/// k-fold cross-validation: how well a fitted model predicts observations it was not fitted
/// on. Each observation is left out once, in its fold, and predicted by a model fitted on the
/// other folds.
///
/// Folds are assigned round-robin: observation i is in fold i mod k. The assignment depends
/// on nothing but the order, so a run repeats exactly; shuffle the observations first (with a
/// seeded generator) when their order follows something that matters, such as the corridor.
///
///     let folds = try CrossValidation(observationCount: 40, folds: 5)
///     let outOfSample = folds.outOfSampleResiduals(
///         fit: { training in fitSpeeds(on: training) },
///         residual: { speeds, i in modelHours(speeds, i) / observedHours[i] - 1 })
///
/// Leave-one-out is k-fold with k = n: ``leaveOneOut(observationCount:)``.
public struct CrossValidation: Sendable, Hashable {
    /// A fold count the observations cannot be split into.
    public enum FoldError: Error, Sendable, Hashable, CustomStringConvertible {
        case tooFewFolds(folds: Int)
        case moreFoldsThanObservations(folds: Int, observations: Int)

        /// Why the fold count does not fit and what count to use instead.
        public var description: String {
            switch self {
            case .tooFewFolds(let folds):
                "cross-validation needs at least 2 folds, not \(folds): with one there is nothing left to fit on"
            case let .moreFoldsThanObservations(folds, observations):
                "\(folds) folds need at least \(folds) observations, but there are \(observations); use at most \(observations) folds (leave-one-out)"
            }
        }
    }

    /// n: the observations are numbered `0 ..< observationCount`.
    public let observationCount: Int
    /// k, from 2 to `observationCount`.
    public let foldCount: Int

    /// A split of n observations into k folds.
    /// - Parameters:
    ///   - observationCount: n, the observations numbered 0..<n.
    ///   - folds: k, from 2 to n.
    /// - Throws: ``FoldError`` when k < 2 or k > n.
    public init(observationCount: Int, folds: Int) throws(FoldError) {
        guard folds >= 2 else { throw .tooFewFolds(folds: folds) }
        guard folds <= observationCount else { throw .moreFoldsThanObservations(folds: folds, observations: observationCount) }
        self.observationCount = observationCount
        self.foldCount = folds
    }

    /// One fold per observation.
    public static func leaveOneOut(observationCount: Int) throws(FoldError) -> CrossValidation {
        try CrossValidation(observationCount: observationCount, folds: observationCount)
    }

    /// The fold observation `index` is left out in: `index mod k`.
    public func fold(of index: Int) -> Int { index % foldCount }

    /// The observations a fold's model is fitted on: all but the fold's own, ascending.
    /// - Complexity: O(n).
    public func trainingIndices(forFold fold: Int) -> [Int] {
        (0..<observationCount).filter { $0 % foldCount != fold }
    }

    /// Every observation's residual under the model fitted without its fold, in observation
    /// order.
    ///
    /// - Parameters:
    ///   - fit: fits a model on the training indices it is given.
    ///   - residual: the residual of one observation (by index) under a fitted model.
    /// - Throws: whatever `fit` throws, at the first fold that fails.
    /// - Complexity: k calls of `fit` and n of `residual`.
    public func outOfSampleResiduals<Predictor, Failure: Error>(
        fit: (_ trainingIndices: [Int]) throws(Failure) -> Predictor,
        residual: (_ predictor: Predictor, _ index: Int) -> Double
    ) throws(Failure) -> [Double] {
        var residuals = [Double](repeating: .nan, count: observationCount)
        for fold in 0..<foldCount {
            let predictor = try fit(trainingIndices(forFold: fold))
            for index in stride(from: fold, to: observationCount, by: foldCount) {
                residuals[index] = residual(predictor, index)
            }
        }
        return residuals
    }
}
