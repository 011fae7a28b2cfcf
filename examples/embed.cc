/*
 * embed.cc: score rows with libxgbp from C++, printing what xgbp prints.
 *
 *	c++ -std=c++17 -o embed embed.cc $(pkg-config --cflags --libs xgbp)
 *	./embed iris.json iris.csv
 *
 * Loads a model file (not gzip: the library takes bytes, and reading and
 * decompressing them is the caller's job), reads comma-separated rows
 * from a file or the standard input and prints each row's predictions as
 * `xgbp -m model rows.csv` does: the shortest decimal that reads back as
 * the same float, laid out as C's %g.  A first line that is not all
 * numbers is a header; the columns then go to the model's features by
 * name when the model has names, else in order.  An empty field is
 * missing.  No quoting: this shows the library's calls, not a CSV reader.
 */
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <xgbp.h>

namespace {

constexpr std::size_t batch = 256;	// rows per xgbp_predict() call

struct model_free {
	void operator()(xgbp_model *m) const { xgbp_model_free(m); }
};
using model_ptr = std::unique_ptr<xgbp_model, model_free>;

// A failure, and the exit status it asks for, as xgbp's: 3 for the model.
struct failure : std::runtime_error {
	int status;
	failure(const std::string &what, int st)
	    : std::runtime_error(what), status(st) {}
};

model_ptr
load(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	xgbp_model *m;
	xgbp_error e;

	if (!in)
		throw failure(path + ": cannot open", 1);
	std::string buf((std::istreambuf_iterator<char>(in)),
	    std::istreambuf_iterator<char>());
	if (xgbp_model_load(&m, buf.data(), buf.size(), &e) != XGBP_OK)
		throw failure(path + (e.line > 0 ? ":" +
		    std::to_string(e.line) + ":" + std::to_string(e.column) :
		    ": offset " + std::to_string(e.offset)) + ": " + e.msg, 3);
	return model_ptr(m);
}

// The float the library reads from a field, as xgbp does; NaN if empty.
std::optional<float>
number(const std::string &field)
{
	float f;

	if (field.empty())
		return NAN;
	if (xgbp_parse_float(field.data(), field.size(), &f, 0, nullptr) !=
	    XGBP_OK)
		return std::nullopt;
	return f;
}

std::vector<std::string>
split(std::string line)
{
	std::vector<std::string> fields;
	std::size_t i = 0, j;

	if (!line.empty() && line.back() == '\r')
		line.pop_back();
	while ((j = line.find(',', i)) != std::string::npos) {
		fields.push_back(line.substr(i, j - i));
		i = j + 1;
	}
	fields.push_back(line.substr(i));
	return fields;
}

/*
 * f as xgbp writes it (cmd/fmtfloat.h): to_chars()'s shortest digits,
 * the fewest that read back as f, the nearest on a choice (Ryu's rule,
 * as xgbp's), in %g's layout: an exponent only below -4 or above 8.
 */
std::string
shortest(float f)
{
	std::string sign(std::signbit(f) ? "-" : "");
	char buf[32];

	if (std::isnan(f))
		return "nan";
	if (std::isinf(f) || f == 0)
		return sign + (std::isinf(f) ? "inf" : "0");
	auto r = std::to_chars(buf, buf + sizeof(buf), std::fabs(f),
	    std::chars_format::scientific);
	std::string s(buf, r.ptr);		// "1.5e+26", "1e-05"
	std::size_t at = s.find('e');
	std::string d = s.substr(0, at);
	int e = std::atoi(s.c_str() + at + 1);

	if (e < -4 || e > 8)
		return sign + s;		// as %g writes it
	d.erase(std::remove(d.begin(), d.end(), '.'), d.end());
	if (e < 0)
		return sign + "0." + std::string(-e - 1, '0') + d;
	if (d.size() <= std::size_t(e) + 1)
		return sign + d + std::string(e + 1 - d.size(), '0');
	return sign + d.substr(0, e + 1) + "." + d.substr(e + 1);
}

// Score rows x (nx features each) and print a line for each.
void
score(const xgbp_model *m, const std::vector<float> &x, std::size_t nx)
{
	std::size_t nrows = x.size() / nx, ny = xgbp_model_noutputs(m, 0);
	std::vector<float> y(nrows * ny);
	int st;

	if ((st = xgbp_predict(m, x.data(), nrows, nx, y.data(), 0)) !=
	    XGBP_OK)
		throw failure(xgbp_strerror(st), 1);
	for (std::size_t r = 0; r < nrows; r++)
		for (std::size_t j = 0; j < ny; j++)
			std::cout << shortest(y[r * ny + j]) <<
			    (j + 1 < ny ? ',' : '\n');
}

// The feature each header name is, by name when the model has names.
std::vector<std::size_t>
columns(const xgbp_model *m, const std::vector<std::string> &names)
{
	std::vector<std::size_t> cols;
	std::size_t nx = xgbp_model_nfeatures(m), i;
	const char *f;

	for (const auto &name : names) {
		if (xgbp_model_feature_name(m, 0) == nullptr) {
			cols.push_back(cols.size());
			continue;
		}
		for (i = 0; i < nx; i++)
			if ((f = xgbp_model_feature_name(m, i)) != nullptr &&
			    name == f)
				break;
		if (i == nx)
			throw failure("line 1: no feature \"" + name + "\"", 1);
		cols.push_back(i);
	}
	return cols;
}

void
run(const std::string &model, std::istream &in, const std::string &name)
{
	model_ptr m = load(model);
	std::size_t nx = xgbp_model_nfeatures(m.get());
	std::vector<std::size_t> cols;
	std::vector<float> x;
	std::string line;
	unsigned long lineno = 0;

	while (std::getline(in, line)) {
		auto fields = split(line);
		std::vector<std::optional<float>> v;
		lineno++;
		for (const auto &f : fields)
			v.push_back(number(f));
		bool all = std::all_of(v.begin(), v.end(),
		    [](const auto &o) { return o.has_value(); });
		if (lineno == 1 && !all) {
			cols = columns(m.get(), fields);
			continue;
		}
		if (cols.empty())
			for (std::size_t i = 0; i < fields.size(); i++)
				cols.push_back(i);
		if (!all || v.size() != cols.size())
			throw failure(name + ":" + std::to_string(lineno) +
			    ": expected " + std::to_string(cols.size()) +
			    " numbers", 1);
		x.resize(x.size() + nx, NAN);
		for (std::size_t i = 0; i < cols.size(); i++)
			if (cols[i] < nx)
				x[x.size() - nx + cols[i]] = *v[i];
		if (x.size() == batch * nx) {
			score(m.get(), x, nx);
			x.clear();
		}
	}
	if (!x.empty())
		score(m.get(), x, nx);
}

} // namespace

int
main(int argc, char *argv[])
{
	if (argc < 2 || argc > 3) {
		std::cerr << "usage: embed model [rows.csv]\n";
		return 2;
	}
	try {
		if (argc == 2) {
			run(argv[1], std::cin, "<stdin>");
		} else {
			std::ifstream in(argv[2]);
			if (!in)
				throw failure(std::string(argv[2]) +
				    ": cannot open", 1);
			run(argv[1], in, argv[2]);
		}
		std::cout.flush();
		if (!std::cout)
			throw failure("<stdout>: write error", 1);
	} catch (const failure &f) {
		std::cerr << "embed: " << f.what() << '\n';
		return f.status;
	}
	return 0;
}
