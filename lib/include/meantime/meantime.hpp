// Everything a caller of the engine needs.
#pragma once

#include "meantime/distribution.hpp"
#include "meantime/errors.hpp"
#include "meantime/fields.hpp"
#include "meantime/result.hpp"
#include "meantime/scenario.hpp"
#include "meantime/simulate.hpp"
#include "meantime/town.hpp"
#include "meantime/validate.hpp"
