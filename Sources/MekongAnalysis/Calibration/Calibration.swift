import MekongData
import MekongNetwork

/// Runs published observed trips on the network of their year and profile and compares the
/// model's time and distance with what was observed; ``fit(_:folds:loss:)`` then fits a
/// profile's speeds, terrain factors, urban speed, ferry wait and border delay to them.
///
///     let calibration = Calibration(dataset: data)
///     let trips = calibration.compare()            // model against observed, per trip
///     let fitted = try calibration.fit("car")      // error before and after, cross-validated
///
/// A trip measured door to door is compared with the route's door-to-door time under the
/// profile's driving rules (leaving at 08:00); one measured as driving time with the route's
/// travel time.
public struct Calibration: Sendable {
    /// The data whose observations and profiles are compared and fitted.
    public let dataset: Dataset
    /// The graph of the whole plan, built once; each trip's year and profile mask it.
    public let plan: PlanGraph

    /// Builds the plan of `dataset` once for every comparison and fit.
    public init(dataset: Dataset) {
        self.dataset = dataset
        self.plan = PlanGraph(dataset: dataset)
    }

    /// One observation against the model.
    public struct Comparison: Sendable {
        /// The observed trip.
        public var observation: Observation
        /// Model time in hours (door to door when the observation is), nil when no route exists.
        public var modelHours: Double?
        /// Model distance in km, nil when no route exists.
        public var modelKm: Double?
        /// Why the model has no route for it.
        public var failure: String?
        /// The road class with the most km on the model's route.
        public var mainClass: RoadClass?
        /// The terrain with the most km of road on the model's route.
        public var mainTerrain: Terrain?
        /// Every country a link of the route starts or ends in, sorted.
        public var countries: [String]

        /// Model time over observed time, nil without both.
        public var timeRatio: Double? {
            guard let model = modelHours, let observed = observation.hours else { return nil }
            return model / observed
        }

        /// Model distance over observed distance, nil without both.
        public var distanceRatio: Double? {
            guard let model = modelKm, let observed = observation.km else { return nil }
            return model / observed
        }
    }

    /// The trips' route requests: the observation's places, and its via ids as places or links.
    func request(for observation: Observation) -> RouteRequest {
        let via: [Waypoint] = observation.via.map { id in
            dataset.place(PlaceID(id)) != nil ? .place(PlaceID(id)) : .link(LinkID(id))
        }
        return RouteRequest(from: observation.from, to: observation.to, via: via)
    }

    /// Model against observed for `observations` (default: all), with `profiles` standing in for
    /// the data's own where given (the fit's trial values).
    /// - Complexity: one network mask per distinct (year, profile) and one route per trip.
    public func compare(_ observations: [Observation]? = nil, profiles: [ProfileID: Profile] = [:]) -> [Comparison] {
        var networks: [String: Network] = [:]
        let list: [Observation] = observations ?? dataset.observations
        return list.map { observation in
            var comparison = Comparison(observation: observation, countries: [])
            guard let profile = profiles[observation.vehicle] ?? dataset.profile(observation.vehicle) else {
                comparison.failure = "no profile \(observation.vehicle)"
                return comparison
            }
            let key = "\(observation.year)|\(profile.id)"
            let network = networks[key] ?? Network(plan: plan, scenario: Scenario(year: observation.year), profile: profile)
            networks[key] = network
            let route: Route
            do { route = try RoutePlanner(network: network).route(request(for: observation)) } catch {
                comparison.failure = "\(error)"
                return comparison
            }
            comparison.modelKm = route.km
            if observation.measured == .doorToDoor, let rules = profile.schedule {
                comparison.modelHours = TripSchedule(route: route, rules: rules, departureHour: 8).elapsedHours
            } else {
                // A driving time that leaves out the border formalities is compared with the
                // model's time on the move and at ferries, not with its border delays.
                comparison.modelHours = route.hours - (observation.includesBorder == false ? route.borderHours : 0)
            }
            var classKm: [RoadClass: Double] = [:], terrainKm: [Terrain: Double] = [:], countries: [String] = []
            for id in route.links {
                guard let link = dataset.link(id) else { continue }
                if let c = link.roadClass { classKm[c, default: 0] += link.lengthKm }
                if link.mode == .road { terrainKm[link.terrain ?? .flat, default: 0] += link.lengthKm }
                for end in [link.from, link.to] {
                    if let country = dataset.place(end)?.country, !countries.contains(country) { countries.append(country) }
                }
            }
            comparison.mainClass = classKm.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key
            comparison.mainTerrain = terrainKm.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key
            comparison.countries = countries.sorted()
            return comparison
        }
    }

    /// The result of fitting one profile.
    public struct Fit: Sendable {
        /// The profile with the fitted values written in.
        public var profile: Profile
        /// The parameters fitted, in the order of `before` and `after`.
        public var parameters: [CalibratedParameter]
        /// The parameters' values (km/h, factors, hours) before the fit.
        public var before: [Double]
        /// The parameters' values after the fit, in the same units.
        public var after: [Double]
        /// Parameters that ended on a bound (the model lacks something there).
        public var atBound: [CalibratedParameter]
        /// Relative time errors (model/observed − 1) of the trips fitted, before the fit.
        public var errorsBefore: [Double]
        /// Relative time errors of the same trips after the fit.
        public var errorsAfter: [Double]
        /// Each trip's error when it was left out of the fit (k-fold).
        public var crossValidatedErrors: [Double]
        /// The observations fitted, in the order of the error lists.
        public var trips: [ObservationID]
        /// The number of cross-validation folds actually used (at most the number of trips).
        public var folds: Int
    }

    /// Why a fit could not be made.
    public struct FitError: Error, Sendable, CustomStringConvertible {
        /// What is missing or wrong, e.g. no profile of that id, or too few trips to fit.
        public var description: String
    }

    /// Fits `profileID`'s parameters to the time observations of that vehicle that the model
    /// can route, by bounded robust least squares on relative errors, and cross-validates with
    /// `folds` folds. Trips with a `not_fitted_because` are left out.
    /// - Parameters:
    ///   - loss: the robust loss on relative errors (soft L1 with a 10 % scale by default: a
    ///     trip 50 % off counts much less than its square).
    /// - Complexity: each residual evaluation routes every trip once; the fit takes about
    ///   (iterations × (parameters + 1)) evaluations, the cross-validation `folds` fits more.
    public func fit(_ profileID: ProfileID, folds: Int = 5, loss: RobustLoss = .softL1(scale: 0.1)) throws(FitError) -> Fit {
        guard let profile = dataset.profile(profileID) else { throw FitError(description: "no profile \(profileID) in profiles.json") }
        let routable = compare(dataset.observations.filter { $0.vehicle == profileID && $0.hours != nil && $0.notFittedBecause == nil })
            .filter { $0.modelHours != nil }.map(\.observation)
        guard routable.count >= 3 else {
            throw FitError(description: "\(routable.count) routable \(profileID) trips with a time; the fit needs at least 3")
        }
        // Fit only what the trips can tell apart: a parameter that at least three trips respond
        // to, at most a third as many parameters as trips, the most answered first.
        let usage = CalibratedParameter.allCases.map { parameter -> (CalibratedParameter, Int) in
            let nudged = CalibratedParameter.applying([parameter: parameter.coordinate(in: profile) * 0.95], to: profile)
            let moved = zip(compare(routable), compare(routable, profiles: [profileID: nudged]))
                .filter { abs(($0.modelHours ?? 0) - ($1.modelHours ?? 0)) > 1e-9 }.count
            return (parameter, moved)
        }
        let parameters = usage.filter { $0.1 >= 3 }.sorted { $0.1 > $1.1 }.prefix(max(1, routable.count / 3)).map(\.0)
            .sorted { CalibratedParameter.allCases.firstIndex(of: $0)! < CalibratedParameter.allCases.firstIndex(of: $1)! }
        guard !parameters.isEmpty else { throw FitError(description: "no parameter of \(profileID) is used by three or more trips") }
        let start = parameters.map { p in
            let b = p.coordinateBounds(for: profileID)
            return min(max(p.coordinate(in: profile), b.lowerBound), b.upperBound)
        }
        func withValues(_ values: [Double]) -> Profile {
            CalibratedParameter.applying(Dictionary(uniqueKeysWithValues: zip(parameters, values)), to: profile)
        }
        func errors(_ values: [Double], _ trips: [Observation]) -> [Double] {
            compare(trips, profiles: [profileID: withValues(values)]).map { ($0.timeRatio ?? 1) - 1 }
        }
        func solve(_ trips: [Observation]) throws(FitError) -> BoundedRobustFit.Result {
            let problem = BoundedRobustFit(initial: start, lower: parameters.map { $0.coordinateBounds(for: profileID).lowerBound },
                                           upper: parameters.map { $0.coordinateBounds(for: profileID).upperBound }, loss: loss, maxIterations: 60)
            do { return try problem.minimize { errors($0, trips) } } catch { throw FitError(description: "\(error)") }
        }
        let result = try solve(routable)
        let validation: CrossValidation
        do { validation = try CrossValidation(observationCount: routable.count, folds: min(folds, routable.count)) } catch {
            throw FitError(description: "\(error)")
        }
        let held = try validation.outOfSampleResiduals(fit: { (training: [Int]) throws(FitError) -> [Double] in
            try solve(training.map { routable[$0] }).parameters
        }, residual: { values, index in errors(values, [routable[index]])[0] })
        let fitted = withValues(result.parameters)
        return Fit(profile: fitted, parameters: parameters, before: parameters.map { $0.value(in: profile) },
                   after: parameters.map { $0.value(in: fitted) },
                   atBound: zip(parameters, result.activeBounds).compactMap { $1 == nil ? nil : $0 },
                   errorsBefore: errors(start, routable), errorsAfter: errors(result.parameters, routable),
                   crossValidatedErrors: held, trips: routable.map(\.id), folds: validation.foldCount)
    }
}
