import Testing
@testable import MekongData

struct NameResolverTests {
    let places = [
        Place(id: "ho-chi-minh-city", name: "Ho Chi Minh City", aliases: ["Saigon", "Sài Gòn", "Thành phố Hồ Chí Minh"], kind: .city,
              country: "VNM", source: "t", coordinate: .init(longitude: 106.7, latitude: 10.78)),
        Place(id: "da-nang", name: "Đà Nẵng", aliases: ["Da Nang"], kind: .city, country: "VNM", source: "t",
              coordinate: .init(longitude: 108.2, latitude: 16.05)),
        Place(id: "savannakhet", name: "Savannakhet", kind: .city, country: "LAO", source: "t", coordinate: .init(longitude: 104.75, latitude: 16.55)),
        Place(id: "savannakhet-border", name: "Savannakhet", aliases: ["Second Bridge"], kind: .border, country: "LAO", source: "t",
              coordinate: .init(longitude: 104.73, latitude: 16.6)),
        Place(id: "mukdahan-border", name: "Mukdahan", aliases: ["Second Bridge"], kind: .border, country: "THA", source: "t",
              coordinate: .init(longitude: 104.72, latitude: 16.59)),
    ]

    @Test(arguments: ["ho-chi-minh-city", "Ho Chi Minh City", "saigon", "SÀI GÒN", "thanh pho ho chi minh"])
    func accentsCaseAndAliasesResolve(_ text: String) {
        #expect(NameResolver(places: places).resolve(text) == .found("ho-chi-minh-city", byPrefixOf: nil))
    }

    @Test func dStrokeFoldsToD() { #expect(NameResolver(places: places).resolve("da nang") == .found("da-nang", byPrefixOf: nil)) }

    @Test func nameSharedByTownAndPostMeansTheTown() {
        #expect(NameResolver(places: places).resolve("SAVANNAKHET ") == .found("savannakhet", byPrefixOf: nil))
    }

    @Test func aliasSharedByTwoPlacesIsAmbiguous() {
        #expect(NameResolver(places: places).resolve("second bridge") == .ambiguous(["mukdahan-border", "savannakhet-border"]))
    }

    @Test func unknownNameSuggestsTheClosest() {
        guard case .unknown(let suggestions) = NameResolver(places: places).resolve("Savanakhet") else {
            Issue.record("resolved a misspelt name"); return
        }
        #expect(suggestions.first == "Savannakhet (savannakhet)")
        // Each place once, though its id and name both resemble the text.
        #expect(Set(suggestions).count == suggestions.count)
        #expect(suggestions.filter { $0.hasSuffix("(savannakhet)") }.count == 1)
    }

    static let posts = [
        Place(id: "na-phao-border", name: "Na Phao border post", kind: .border, country: "LAO", source: "t",
              coordinate: .init(longitude: 105.7, latitude: 17.6)),
        Place(id: "nam-phao-border", name: "Nam Phao border post", kind: .border, country: "LAO", source: "t",
              coordinate: .init(longitude: 105.1, latitude: 18.4)),
        Place(id: "cha-lo-border", name: "Cha Lo border gate", kind: .border, country: "VNM", source: "t",
              coordinate: .init(longitude: 105.75, latitude: 17.65)),
        Place(id: "lao-bao-border", name: "Lao Bao border post", kind: .border, country: "VNM", source: "t",
              coordinate: .init(longitude: 106.6, latitude: 16.6)),
        Place(id: "lao-cai", name: "Lao Cai", kind: .city, country: "VNM", source: "t", coordinate: .init(longitude: 103.97, latitude: 22.48)),
        Place(id: "bangkok", name: "Bangkok", aliases: ["กรุงเทพมหานคร", "Krung Thep"], kind: .city, country: "THA", source: "t",
              coordinate: .init(longitude: 100.5, latitude: 13.75)),
        Place(id: "kunming", name: "Kunming", aliases: ["昆明"], kind: .city, country: "CHN", source: "t",
              coordinate: .init(longitude: 102.7, latitude: 25.04)),
    ]

    /// "cha lo" and "lao bao" are no place's full name, but the start of one place's words.
    @Test(arguments: [("na phao", "na-phao-border"), ("phao na", "na-phao-border"), ("cha lo", "cha-lo-border"), ("Cha Lo", "cha-lo-border"), ("lao bao", "lao-bao-border"),
                      ("bao lao", "lao-bao-border"), ("krung", "bangkok")] as [(String, PlaceID)])
    func wordPrefixesFindTheOnePlaceTheyStart(text: String, id: PlaceID) {
        guard case .found(let found, let label) = NameResolver(places: Self.posts).resolve(text) else {
            Issue.record("\(text) did not resolve"); return
        }
        #expect(found == id)
        #expect(label != nil)
    }

    /// "phao" starts Na Phao and Nam Phao, both border posts: both listed, each once.
    @Test func aPrefixOfSeveralPlacesIsAmbiguousListingEachOnce() {
        #expect(NameResolver(places: Self.posts).resolve("phao") == .ambiguous(["na-phao-border", "nam-phao-border"]))
    }

    /// "lao" starts Lao Bao (a border post) and Lao Cai (a city): the city is meant.
    @Test func amongSeveralMatchesASingleCityIsMeant() {
        #expect(NameResolver(places: Self.posts).resolve("lao") == .found("lao-cai", byPrefixOf: "Lao Cai"))
    }

    @Test func localScriptsMatchTheirAliases() {
        let resolver = NameResolver(places: Self.posts)
        #expect(resolver.resolve("昆明") == .found("kunming", byPrefixOf: nil))
        #expect(resolver.search("กรุงเทพ") == ["bangkok"])
    }

    /// A query with no letter or digit in any script matches nothing, not everything.
    @Test(arguments: ["!!!", "🚚", "  "])
    func aQueryWithoutLettersMatchesNothing(query: String) {
        #expect(NameResolver(places: Self.posts).search(query).isEmpty)
    }

    @Test func editDistanceOfKnownPairs() {
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("", "abc") == 3)
        #expect(Suggestions.editDistance("mekong", "mekong") == 0)
    }
}
