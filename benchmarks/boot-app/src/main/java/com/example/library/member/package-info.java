/** Members and their loans: the forms with validation. */
package com.example.library.member;
