// The vocabulary of links (mode, class, surface, condition, terrain) is the routing graph's; a
// user of MekongData reads `link.mode` without importing RoutingGraph.
@_exported import RoutingGraph
