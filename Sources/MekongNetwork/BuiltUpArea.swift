import MekongData

/// How much of a link lies inside the towns at its ends, where traffic, junctions and speed
/// limits slow every vehicle: the congestion the class speed alone misses (QL5 Hanoi – Hai Phong
/// took 2.5 h for 105 km by car before the expressway).
///
/// A city's built-up area is taken as a disc whose area holds its population at an urban density
/// of about 3,500 people per km² (a mid value for South-East Asian towns): 100,000 people fill
/// 28.6 km², a radius of 3 km, and the radius grows with the square root of the population. It is
/// capped at 15 km because the largest populations here are whole municipalities or prefectures,
/// much of them rural. Each end contributes at most half the link. An expressway has none: it is
/// access-controlled and skirts the towns it serves.
///
///     BuiltUpArea.radiusKm(population: 1_000_000)   // 9.5
public enum BuiltUpArea {
    /// People per km² of built-up land.
    public static let densityPerKm2 = 3_500.0
    /// The largest radius, km.
    public static let maximumRadiusKm = 15.0

    /// Radius in km of the built-up area of a city of `population`.
    public static func radiusKm(population: Int) -> Double {
        guard population > 0 else { return 0 }
        return min(maximumRadiusKm, (Double(population) / densityPerKm2 / .pi).squareRoot())
    }

    /// Km of `link` inside the built-up areas of its end places (cities with a population).
    /// - Complexity: O(1).
    public static func urbanKm(of link: Link, lengthKm: Double, in dataset: Dataset) -> Double {
        guard link.mode == .road, link.roadClass != .expressway else { return 0 }
        var km = 0.0
        for end in [link.from, link.to] {
            guard let place = dataset.place(end), place.kind == .city, let population = place.population else { continue }
            km += min(lengthKm / 2, radiusKm(population: population))
        }
        return km
    }
}
