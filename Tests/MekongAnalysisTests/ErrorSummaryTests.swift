import Testing
@testable import MekongAnalysis

/// ErrorSummary on a list small enough to work out by hand.
struct ErrorSummaryTests {
    /// Ratios 0.9, 1.1, 1.25 | 0.75, 1.0, 1.2 (road classes a | b).
    let items: [ErrorSummary<String>.Item] = [
        .init(id: "a1", model: 90, observed: 100), .init(id: "a2", model: 110, observed: 100),
        .init(id: "a3", model: 50, observed: 40), .init(id: "b1", model: 30, observed: 40),
        .init(id: "b2", model: 100, observed: 100), .init(id: "b3", model: 12, observed: 10),
    ]

    @Test func medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        #expect(Median.of([3, 1, 2]) == 2)
        #expect(Median.of([4, 1, 3, 2]) == 2.5)
        #expect(Median.of([7]) == 7)
        #expect(Median.of([Double]()) == nil)
    }

    @Test func biasAndMedianErrorOfSixItemsByHand() throws {
        let summary = try ErrorSummary(items)
        #expect(summary.items.map(\.ratio) == [0.9, 1.1, 1.25, 0.75, 1.0, 1.2])
        // ratio − 1 sorted: −0.25, −0.1, 0, 0.1, 0.2, 0.25 → (0 + 0.1)/2.
        #expect(abs(summary.bias - 0.05) < 1e-15)
        // |ratio − 1| sorted: 0, 0.1, 0.1, 0.2, 0.25, 0.25 → (0.1 + 0.2)/2.
        #expect(abs(summary.medianAbsoluteRelativeError - 0.15) < 1e-15)
    }

    @Test func shareWithinCountsTheBoundaryDespiteBinaryRounding() throws {
        let summary = try ErrorSummary(items)
        // Within 10 %: 0.9, 1.1 (110/100 − 1 = 0.10000000000000009) and 1.0.
        #expect(summary.shareWithin(percent: 10) == 0.5)
        #expect(summary.shareWithin(percent: 20) == 4.0 / 6)
        #expect(summary.shareWithin(percent: 5) == 1.0 / 6)
    }

    @Test func worstItemsComeFarthestFirstWithTiesInTheirOrder() throws {
        let summary = try ErrorSummary(items)
        #expect(summary.worst(3).map(\.id) == ["a3", "b1", "b3"])
        #expect(summary.worst(10).count == 6)
    }

    @Test func modelTooFastGivesANegativeBias() throws {
        let summary = try ErrorSummary<String>([.init(id: "trip", model: 8, observed: 10)])
        #expect(abs(summary.bias - -0.2) < 1e-15)
    }

    @Test func groupsAreSummarisedSeparatelyInTheOrderTheyAppear() throws {
        let groups = try ErrorSummary.grouped(items) { String($0.id.prefix(1)) }
        #expect(groups.map(\.key) == ["a", "b"])
        // a: −0.1, 0.1, 0.25 → bias 0.1, |·| 0.1, 0.1, 0.25 → 0.1.
        #expect(abs(groups[0].summary.bias - 0.1) < 1e-15)
        #expect(abs(groups[0].summary.medianAbsoluteRelativeError - 0.1) < 1e-15)
        // b: −0.25, 0, 0.2 → bias 0, |·| 0, 0.2, 0.25 → 0.2.
        #expect(abs(groups[1].summary.bias) < 1e-15)
        #expect(abs(groups[1].summary.medianAbsoluteRelativeError - 0.2) < 1e-15)
    }

    @Test func itemsThatCannotBeComparedAreNamed() {
        #expect(throws: ErrorSummary<String>.ItemError.noItems) { try ErrorSummary<String>([]) }
        #expect(throws: ErrorSummary<String>.ItemError.observedNotPositive(item: "x", observed: 0)) {
            try ErrorSummary<String>([.init(id: "x", model: 1, observed: 0)])
        }
        #expect(throws: ErrorSummary<String>.ItemError.modelNotFinite(item: "no-route", model: .infinity)) {
            try ErrorSummary<String>([.init(id: "no-route", model: .infinity, observed: 5)])
        }
    }
}
