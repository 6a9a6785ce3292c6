import Foundation
import Testing
import TestSupport
import MekongAnalysis

/// Numbers as people read them: hours in one format, with no overflow on absurd values, and
/// fixed decimals as printf writes them.
struct TextNumberTests {
    @Test func hoursAreHoursAndMinutes() {
        #expect(TextNumber.clock(3 + 25.0 / 60) == "3:25")
        #expect(TextNumber.clock(0.5) == "0:30")
        #expect(TextNumber.clock(59.999 / 60) == "1:00")
        #expect(TextNumber.hours(8) == "8:00 h")
        #expect(TextNumber.clock(.infinity) == "∞")
    }

    /// 2^31 hours printed negative before (an Int32-sized cast); 1e300 must not trap.
    @Test func hugeHoursNeitherWrapNorTrap() {
        #expect(TextNumber.clock(2_147_483_648) == "2147483648:00")
        #expect(!TextNumber.clock(1e300).hasPrefix("-"))
    }

    /// The C library's printf is the oracle: the same text, byte for byte, for hours and km of
    /// every size, ties in decimal (2.0005, 0.125), values just either side of them, whole
    /// numbers and zero.
    @Test(arguments: [0, 1, 3])
    func fixedDecimalsAreWhatPrintfWrites(digits: Int) {
        var random = SplitMix64(state: 2012 + UInt64(digits))
        var values: [Double] = [0, 1, 0.5, 1.5, 2.5, 0.125, 0.0005, 2.0005, 1.2345, 9.9995, 99.95, 1e14, 123456.789, 0.1, 0.7]
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: 0...5, using: &random)
            let value = Double.random(in: 0...1, using: &random) * pow(10, magnitude)
            // Half the values on a decimal tie of `digits` places or one ulp beside it.
            let tie = ((value * pow(10, Double(digits))).rounded(.down) + 0.5) / pow(10, Double(digits))
            values += [value, tie, tie.nextUp, tie.nextDown]
        }
        for value in values {
            let expected = String(format: "%.\(digits)f", value)
            #expect(TextNumber.fixed(value, digits: digits) == expected, "\(value)")
        }
    }
}
