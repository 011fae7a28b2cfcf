#!/usr/bin/env python3
"""catnames.py MANIFEST DATA CATS_JSON NAMED_CSV: for a categorical fixture,
write the category names its manifest lists (the pandas categories XGBoost
was trained on, data_files -> data.csv -> categories) as the JSON that
xgbp --categories reads, and DATA with each category code replaced by its
name, as pandas would have held it.  Standard library only."""
import csv
import json
import sys


def main(manifest, data, cats_json, named_csv):
    with open(manifest) as fp:
        cats = json.load(fp)['data_files']['data.csv']['categories']
    with open(cats_json, 'w') as fp:
        json.dump(cats, fp)
    with open(data, newline='') as fp:
        rows = list(csv.reader(fp))
    head = rows[0]
    with open(named_csv, 'w', newline='') as fp:
        w = csv.writer(fp, lineterminator='\n')
        w.writerow(head)
        for r in rows[1:]:
            w.writerow([cats[h][int(v)] if h in cats and v != '' else v
                        for h, v in zip(head, r)])


if __name__ == '__main__':
    main(*sys.argv[1:5])
