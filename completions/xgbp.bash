# bash completion for xgbp(1)
_xgbp()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-m|--model|-o|--output|--categories|--labels-file)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-d|--delimiter|-D|--output-delimiter)
		COMPREPLY=($(compgen -W ', ; | tab' -- "$cur"))
		return ;;
	--on-error)
		COMPREPLY=($(compgen -W 'fail skip nan' -- "$cur"))
		return ;;
	-O|--output-format)
		COMPREPLY=($(compgen -W 'csv jsonl' -- "$cur"))
		return ;;
	--unseen)
		COMPREPLY=($(compgen -W 'error missing' -- "$cur"))
		return ;;
	--libsvm-base)
		COMPREPLY=($(compgen -W '0 1' -- "$cur"))
		return ;;
	--libsvm-extra)
		COMPREPLY=($(compgen -W 'error ignore' -- "$cur"))
		return ;;
	-f|--features|-j|--jobs|-k|--keep|-x|--exclude|--iteration-range|\
	--missing|--na|--xgboost|--threshold|--labels|--digits|--base-margin|\
	-r|--row)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '-a --append --base-margin --best-iteration
		    --categories --contrib --contrib-approx -D --output-delimiter
		    -d --delimiter -f --features -H --output-header -h --help
		    --header --info --interactions --iteration-range -j --jobs --jsonl
		    -k --keep --leaf --libsvm --libsvm-base --libsvm-extra
		    --line-buffered -m --model --margin --missing --na
		    --no-header -O --output-format -o --output --on-error --print-header
		    --progress -q --quiet -r --row -t --tsv --unseen -V --version
		    -v --verbose -x --exclude --xgboost -z --gzip
		    --threshold --labels --labels-file --proba
		    --digits' -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _xgbp xgbp
