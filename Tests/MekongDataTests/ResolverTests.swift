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
        #expect(NameResolver(places: places).resolve(text) == .found("ho-chi-minh-city"))
    }

    @Test func dStrokeFoldsToD() { #expect(NameResolver(places: places).resolve("da nang") == .found("da-nang")) }

    @Test func nameSharedByTownAndPostMeansTheTown() {
        #expect(NameResolver(places: places).resolve("SAVANNAKHET ") == .found("savannakhet"))
    }

    @Test func aliasSharedByTwoPlacesIsAmbiguous() {
        #expect(NameResolver(places: places).resolve("second bridge") == .ambiguous(["mukdahan-border", "savannakhet-border"]))
    }

    @Test func unknownNameSuggestsTheClosest() {
        guard case .unknown(let suggestions) = NameResolver(places: places).resolve("Savanakhet") else {
            Issue.record("resolved a misspelt name"); return
        }
        #expect(suggestions.first == "Savannakhet")
    }

    @Test func editDistanceOfKnownPairs() {
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("", "abc") == 3)
        #expect(Suggestions.editDistance("mekong", "mekong") == 0)
    }
}
