" Vim and Neovim filetype detection for cjm, customer journey maps as code.
" Files ending in .cjm get the filetype cjm (syntax, ftplugin, indent).
autocmd BufNewFile,BufRead *.cjm setfiletype cjm
