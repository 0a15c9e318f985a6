package io.surrogate.it.multi;

/**
 * Chinook at ε = 1 through the driver: integrity holds whatever the noise, cardinalities and the country join are
 * reported, with looser floors (59 customers and 412 invoices leave little signal at ε = 1 per table).
 */
class ChinookFiniteEpsilonIT extends ChinookThroughDriver {
  @Override
  String epsilon() {
    return "1.0";
  }

  @Override
  double minimumCardinalitySimilarity() {
    return 0.5;
  }

  @Override
  double maximumCountryDistance() {
    return 0.8;
  }
}
