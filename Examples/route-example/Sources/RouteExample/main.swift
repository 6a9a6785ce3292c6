// The README's library example, run as it is written there.
import GeoCore
import MekongData
import MekongNetwork

let (data, _) = try Dataset.load(from: .embedded)
let network = Network(dataset: data, scenario: Scenario(year: 2016), profile: data.profile("truck")!)
let route = try RoutePlanner(network: network).route(RouteRequest(from: "phnom-penh", to: "ho-chi-minh-city"))
print(route.hours, route.km, route.links)

let line = try Geodesic.wgs84.inverse(from: Coordinate(longitude: 100.5018, latitude: 13.7563),
                                      to: Coordinate(longitude: 105.8342, latitude: 21.0278))   // 983 946.829 m
let utm48 = try Projection(from: "EPSG:4326", to: "EPSG:32648")
let p = try utm48.transform(Position(x: 102.6, y: 17.97))                                     // E 245 826.191, N 1 988 509.519
print(line.distanceMetres, p.x, p.y)
