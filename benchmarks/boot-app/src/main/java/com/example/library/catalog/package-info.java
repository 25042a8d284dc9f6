/** The catalogue: books, their authors and genres. */
package com.example.library.catalog;
