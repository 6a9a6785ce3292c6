import Testing
import MekongData

struct IdentifierTests {
    @Test(arguments: ["pakse", "ho-chi-minh-city", "g8511-jinghong-east-puer", "r3a", "2nd-bridge", "a"])
    func aLowercaseSlugWithSingleHyphensIsWellFormed(_ text: String) {
        #expect(PlaceID(text).isWellFormedSlug)
    }

    @Test(arguments: ["", "-pakse", "pakse-", "-", "ho--chi-minh", "Pakse", "pak se", "pak_se", "đà-nẵng", "pakse\n"])
    func anEmptyCapitalisedAccentedOrBadlyHyphenatedIdIsNot(_ text: String) {
        #expect(!LinkID(text).isWellFormedSlug)
    }
}
