// Searches, trees and weights are the routing engine's; a user of a Network runs them without
// importing RoutingEngine.
@_exported import RoutingEngine
